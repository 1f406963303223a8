// Attacks on the local development server (issue 23 items 1, 2, 3, 5): any web page the developer
// opens, or any process on the machine, talking to a running local cloud over real HTTP. Each
// attack must be refused and change nothing; the H5 app's own calls and the secret-bearing
// developer tools keep working (tools/local-cloud/access.ts).
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { FUNCTIONS_ROOT } from '../../tools/build-cloudfunctions'
import { attackSuite, consumerA, digest, merchant, useReliabilityCloud } from './harness'

const env = useReliabilityCloud()
const attack = attackSuite('local-server-attacks')

const EVIL = 'http://evil.example'
const SECRET_HEADER = 'X-Local-Cloud-Secret'
/** The superuser password every embedded PostgreSQL data folder had before issue 23. */
const OLD_PASSWORD = 'local-cloud'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/** One HTTP request with exactly these headers (Host and Origin included, unlike fetch). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  const url = new URL(path, env.cloud.url)
  return new Promise((resolveAnswer, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolveAnswer({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const json = { 'Content-Type': 'application/json' }
const withSecret = () => ({ [SECRET_HEADER]: env.cloud.secret })

/** What a page would send to make itself a merchant through the SDK's wire protocol. */
const insertMerchant = (openid: string) =>
  JSON.stringify({
    action: 'database.insertDocument',
    collectionName: COLLECTIONS.merchants,
    data: [JSON.stringify({ _id: openid, name: 'evil', addedAt: { $date: 0 } })],
  })

const merchantsNamed = async (openid: string) =>
  (await env.cloud.store.find(COLLECTIONS.merchants, { _id: openid })).length

attack('a text/plain POST to /admin from another origin cannot insert into merchants', async () => {
  const before = await digest(env)
  const answer = await send('/admin', {
    method: 'POST',
    headers: { Origin: EVIL, 'Content-Type': 'text/plain;charset=UTF-8' },
    body: insertMerchant('o_evil_page'),
  })
  expect(answer.status).toBeGreaterThanOrEqual(400)
  expect(answer.headers['access-control-allow-origin']).toBeUndefined()
  expect(await merchantsNamed('o_evil_page')).toBe(0)
  expect(await digest(env)).toBe(before)
})

attack('/admin without the secret (any local process) writes nothing', async () => {
  const before = await digest(env)
  for (const token of [undefined, 'local:merchant:req', `local:merchant:req:wrong-secret`]) {
    const body = JSON.parse(insertMerchant('o_local_process'))
    const answer = await send('/admin', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...body, tcb_sessionToken: token }),
    })
    expect(answer.status).toBe(403)
  }
  // wx.openApi (multipart, a "simple" content type) cannot fill the inbox either.
  const boundary = 'evil'
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
  const multipart = await send('/admin', {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body: `${part('action', 'wx.openApi')}${part('apiName', 'subscribeMessage.send')}--${boundary}--\r\n`,
  })
  expect(multipart.status).toBe(403)
  expect(await merchantsNamed('o_local_process')).toBe(0)
  expect(await digest(env)).toBe(before)
})

attack(
  'a preflight or a call from another origin gets no allow-origin and is refused',
  async () => {
    const preflight = await send(`/cloud/invoke/${FUNCTIONS.merchant}`, {
      method: 'OPTIONS',
      headers: {
        Origin: EVIL,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-local-openid',
      },
    })
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
    expect(preflight.status).toBe(403)
    const before = await digest(env)
    const call = await send(`/cloud/invoke/${FUNCTIONS.merchant}`, {
      method: 'POST',
      headers: { ...json, Origin: EVIL, 'X-Local-Openid': merchant },
      body: JSON.stringify({
        action: 'addMerchant',
        payload: { openid: 'o_evil_origin', name: 'evil' },
      }),
    })
    expect(call.status).toBe(403)
    expect(call.headers['access-control-allow-origin']).toBeUndefined()
    expect(await merchantsNamed('o_evil_origin')).toBe(0)
    expect(await digest(env)).toBe(before)
    const users = await send('/cloud/users', { headers: { Origin: EVIL } })
    expect(users.status).toBe(403)
    expect(users.text).not.toContain(merchant)
    // The H5 dev server's origin is the one page that may call.
    const app = await send('/cloud/users', { headers: { Origin: 'http://127.0.0.1:10086' } })
    expect(app.status).toBe(200)
    expect(app.headers['access-control-allow-origin']).toBe('http://127.0.0.1:10086')
  },
)

attack('a text/plain POST (no preflight) reaches no handler', async () => {
  const answer = await send(`/cloud/invoke/${FUNCTIONS.user}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ action: 'me' }),
  })
  expect(answer.status).toBe(415)
  expect(answer.text).not.toContain('"result"')
})

attack(
  'DNS rebinding: a Host other than this machine is refused, even with the secret',
  async () => {
    const port = new URL(env.cloud.url).port
    for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, 'localhost.']) {
      const users = await send('/cloud/users', { headers: { Host: host } })
      expect(users.status).toBe(403)
      expect(users.text).not.toContain(merchant)
      const read = await send('/admin', {
        method: 'POST',
        headers: { ...json, ...withSecret(), Host: host },
        body: JSON.stringify({ action: 'database.queryDocument', collectionName: 'users' }),
      })
      expect(read.status).toBe(403)
      expect(read.text).not.toContain(consumerA)
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`])
      expect((await send('/cloud/users', { headers: { Host: host } })).status).toBe(200)
  },
)

attack('clock, faults, timers, inbox and uncovered need the secret', async () => {
  const harmless: [string, string, string?][] = [
    ['POST', '/cloud/clock', '{"now":null}'],
    ['POST', '/cloud/faults', '{"dbFailRate":0,"dbTimeoutRate":0}'],
    ['POST', `/cloud/timer/${FUNCTIONS.order}`, '{}'],
    ['GET', '/cloud/inbox'],
    ['DELETE', '/cloud/inbox'],
    ['POST', '/cloud/inbox/fail', '{"errcode":43101,"times":0}'],
    ['GET', '/cloud/uncovered'],
  ]
  const before = await digest(env)
  for (const [method, path, body] of harmless) {
    for (const secret of [undefined, 'wrong']) {
      const headers: Record<string, string> = { ...json }
      if (secret) headers[SECRET_HEADER] = secret
      const answer = await send(path, { method, headers, body })
      expect([method, path, answer.status]).toEqual([method, path, 401])
    }
    expect((await send(`${path}?secret=wrong`, { method, headers: json, body })).status).toBe(401)
  }
  expect(await digest(env)).toBe(before)
  // The developer's tools present it: header, or the query parameter of the printed inbox URL.
  expect((await send('/cloud/inbox', { headers: withSecret() })).status).toBe(200)
  expect((await send(`/cloud/inbox?secret=${env.cloud.secret}`)).status).toBe(200)
})

attack('/cloud/invoke tells roundTrips only to callers with the secret', async () => {
  const call = (headers: Record<string, string>) =>
    send(`/cloud/invoke/${FUNCTIONS.user}`, {
      method: 'POST',
      headers: { ...json, 'X-Local-Openid': consumerA, ...headers },
      body: JSON.stringify({ action: 'me' }),
    })
  const open = JSON.parse((await call({})).text)
  expect(open.result).toMatchObject({ ok: true })
  expect(open).not.toHaveProperty('roundTrips')
  const developer = JSON.parse((await call(withSecret())).text)
  expect(developer.roundTrips).toEqual(expect.any(Number))
})

attack("a missing function's error names it without this machine's paths", async () => {
  const answer = await send('/cloud/invoke/no-such-function', {
    method: 'POST',
    headers: json,
    body: '{}',
  })
  expect(answer.status).toBe(404)
  const { errMsg } = JSON.parse(answer.text)
  expect(errMsg).toContain('no-such-function')
  expect(errMsg).not.toContain(resolve(FUNCTIONS_ROOT))
  expect(errMsg).not.toContain(resolve(FUNCTIONS_ROOT, '..'))
})

/** Eight calls of `bad` in parallel (all of a function's workers), then one real call. */
async function realCallAfter(bad: () => Promise<unknown>): Promise<number> {
  await Promise.allSettled(Array.from({ length: 8 }, bad))
  const started = Date.now()
  const me = await env.cloud.invoke(FUNCTIONS.user, { action: 'me' }, consumerA)
  expect(me).toMatchObject({ ok: true })
  return Date.now() - started
}

attack(
  'eight 20,000-deep events in parallel leave no worker stuck',
  async () => {
    const depth = 20_000
    const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    const answers: Answer[] = []
    const ms = await realCallAfter(async () =>
      answers.push(
        await send(`/cloud/invoke/${FUNCTIONS.user}`, {
          method: 'POST',
          headers: json,
          body: deep,
        }),
      ),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(400))
    expect(JSON.parse(answers[0].text)).toMatchObject({ errCode: -501007 })
    expect(ms).toBeLessThan(5_000)
  },
  60_000,
)

attack(
  'events the hand-off to a worker cannot copy free the worker at once',
  async () => {
    // Not JSON (only an in-process caller can send it), but the same failure as a too-deep event.
    const ms = await realCallAfter(() =>
      env.cloud.invoke(FUNCTIONS.user, { action: 'me', payload: { f: () => 1 } }, consumerA),
    )
    expect(ms).toBeLessThan(5_000)
  },
  60_000,
)

describe('embedded PostgreSQL password', () => {
  // One run of postgres-password.script.ts (a fresh folder, a restart, a pre-change folder).
  let outcome: Promise<{
    fresh: { password: string; oldLogsIn: boolean; newLogsIn: boolean }
    fileMode: number | null
    reused: boolean
    legacy: { password: string; oldLogsIn: boolean; newLogsIn: boolean }
  }>
  const root = mkdtempSync(join(tmpdir(), 'local-server-attacks-'))
  beforeAll(() => {
    outcome = new Promise((resolveOutcome, reject) =>
      execFile(
        process.execPath,
        ['--require', 'tsx/cjs', join(__dirname, 'postgres-password.script.ts'), join(root, 'pg')],
        { timeout: 90_000 },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`${error.message}\n${stderr}`))
            : resolveOutcome(JSON.parse(stdout)),
      ),
    )
    outcome.catch(() => undefined)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  attack(
    "a data folder's superuser password is generated, owner-only, and not the old fixed one",
    async () => {
      const { fresh, fileMode, reused } = await outcome
      expect(fresh.password).not.toBe(OLD_PASSWORD)
      expect(fresh.password.length).toBeGreaterThanOrEqual(32)
      expect(fresh.oldLogsIn).toBe(false)
      expect(fresh.newLogsIn).toBe(true)
      expect(fileMode).toBe(0o600)
      expect(reused).toBe(true)
    },
    90_000,
  )

  test('a data folder from before generated passwords starts and loses the fixed one', async () => {
    const { legacy } = await outcome
    expect(legacy.password).not.toBe(OLD_PASSWORD)
    expect(legacy.newLogsIn).toBe(true)
    expect(legacy.oldLogsIn).toBe(false)
  }, 90_000)
})
