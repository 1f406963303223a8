// Stops the PostgreSQL started by global-setup.js and removes its temporary data directory.
const { rmSync } = require('node:fs')

module.exports = async function globalTeardown() {
  const running = globalThis.__LOCAL_CLOUD_TEST_PG__
  if (!running) return
  globalThis.__LOCAL_CLOUD_TEST_PG__ = undefined
  await running.postgres.stop()
  rmSync(running.root, { recursive: true, force: true })
}
