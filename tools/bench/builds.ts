// Taro builds the benchmarks measure: our app and the bare Taro 4 React app (bare-app/src), both
// with config/index.ts (SOURCE_ROOT picks the source), into dist-bench/<app>/<type>. Each is built
// once per `npm run bench`, so sizes and first screens are of the code in this tree.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../build-cloudfunctions'

export type App = 'app' | 'bare'
export type BuildType = 'weapp' | 'h5'

const SOURCES: Record<App, string> = { app: 'src', bare: 'tools/bench/bare-app/src' }
const built = new Map<string, Promise<string>>()

export function buildDir(app: App, type: BuildType): string {
  return join(PROJECT_ROOT, 'dist-bench', app, type)
}

function build(app: App, type: BuildType, log: (line: string) => void): Promise<string> {
  return new Promise((resolveBuild, reject) => {
    log(`taro build --type ${type} (${SOURCES[app]} -> dist-bench/${app}/${type})`)
    const child = spawn('npx', ['taro', 'build', '--type', type], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, SOURCE_ROOT: SOURCES[app], DIST_ROOT: `dist-bench/${app}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolveBuild(buildDir(app, type))
        : reject(new Error(`taro build ${app} ${type} failed (${code}):\n${output.slice(-3000)}`)),
    )
  })
}

/** The build's folder, built first (once per process). */
export function ensureBuild(app: App, type: BuildType, log: (line: string) => void) {
  const key = `${app}/${type}`
  if (!built.has(key)) built.set(key, build(app, type, log))
  return built.get(key)!
}
