// `npm run size`: the weapp main package and each subpackage as WeChat counts them (all files
// under dist/weapp, subpackages by their roots in app.json), and each cloud function bundle.
// Run after `npm run build:weapp`.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { FUNCTIONS_ROOT, listFunctionNames, PROJECT_ROOT } from './build-cloudfunctions'

const WEAPP_DIR = join(PROJECT_ROOT, 'dist', 'weapp')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

function packageSizes(): Map<string, number> {
  const app = JSON.parse(readFileSync(join(WEAPP_DIR, 'app.json'), 'utf8'))
  const roots: string[] = (app.subPackages ?? app.subpackages ?? []).map((sub: { root: string }) =>
    sub.root.replace(/\/?$/, '/'),
  )
  const sizes = new Map<string, number>([
    ['main', 0],
    ...roots.map((root): [string, number] => [root, 0]),
  ])
  for (const file of filesUnder(WEAPP_DIR)) {
    const path = relative(WEAPP_DIR, file)
    const owner = roots.find((root) => path.startsWith(root)) ?? 'main'
    sizes.set(owner, (sizes.get(owner) ?? 0) + statSync(file).size)
  }
  return sizes
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(10)

if (!existsSync(join(WEAPP_DIR, 'app.json'))) {
  console.error('缺少 dist/weapp：先运行 npm run build:weapp')
  process.exit(1)
}
console.log('小程序包（dist/weapp）')
for (const [name, bytes] of packageSizes()) console.log(`  ${name.padEnd(20)}${kb(bytes)}`)
console.log('云函数（index.js）')
for (const fn of listFunctionNames()) {
  const file = join(FUNCTIONS_ROOT, fn, 'index.js')
  console.log(`  ${fn.padEnd(20)}${existsSync(file) ? kb(statSync(file).size) : '   未构建'}`)
}
