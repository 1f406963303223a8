// Entry of `npm run upload` and `npm run preview` (the command is the first argument).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './desired'
import { runMiniprogram, type CiApi } from './miniprogram'

const [command, ...argv] = process.argv.slice(2)
if (command !== 'upload' && command !== 'preview') {
  console.error('用法：tsx tools/deploy/miniprogram-main.ts upload|preview …')
  process.exit(2)
}

const build = (cloudEnv: string | undefined) =>
  new Promise<void>((resolve, reject) => {
    const env = cloudEnv ? { ...process.env, CLOUD_ENV: cloudEnv } : process.env
    const child = spawn('npm', ['run', 'build:weapp'], { cwd: ROOT, env, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build:weapp 退出码 ${code}`)),
    )
  })

runMiniprogram(command, argv, {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  root: ROOT,
  build,
  // Loaded only when needed: miniprogram-ci is large.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  loadCi: (): CiApi => require('miniprogram-ci'),
  packageVersion: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
}).then((code) => process.exit(code))
