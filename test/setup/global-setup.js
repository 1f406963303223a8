// Starts ONE PostgreSQL for the whole jest run and hands its URL to every test file through
// process.env.TEST_DATABASE_URL (each test file then creates its own database, see
// test/helpers/local-cloud.ts). With DATABASE_URL set, that server is used instead.
// Plain JS: it runs in jest's main process before any transform is set up, so it loads the
// local cloud's TypeScript through tsx.
const { mkdtempSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join } = require('node:path')
const { register } = require('tsx/cjs/api')

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL
    return
  }
  const unregister = register()
  const { startPostgres } = require('../../tools/local-cloud/postgres')
  unregister()
  const started = Date.now()
  const root = mkdtempSync(join(tmpdir(), 'local-cloud-jest-'))
  const postgres = await startPostgres({ dataDir: join(root, 'pgdata'), ephemeral: true })
  globalThis.__LOCAL_CLOUD_TEST_PG__ = { postgres, root }
  process.env.TEST_DATABASE_URL = postgres.url
  process.env.TEST_POSTGRES_START_MS = String(Date.now() - started)
}
