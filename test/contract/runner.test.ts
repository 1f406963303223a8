// The function runner and the /cloud/* HTTP surface: per-invocation identity in warm workers,
// the cloud's context argument, timer triggers, timeouts, crashes and missing functions.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES } from './fixtures'

const USERS = [
  { openid: 'o_a', name: '顾客 A', role: 'consumer' },
  { openid: 'o_m', name: '商家', role: 'merchant' },
]

let cloud: TestCloud
let staticDir: string
beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'local-cloud-static-'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>h5</title>')
  mkdirSync(join(staticDir, 'js'))
  writeFileSync(join(staticDir, 'js', 'app.js'), 'console.log(1)')
  cloud = await startTestCloud({ functionsRoot: FIXTURES, users: USERS, staticDir })
})
afterAll(() => cloud?.stop())

interface WhoAmI {
  before: Record<string, unknown>
  after: Record<string, unknown>
  rawOpenid?: string
  context: {
    function_name: string
    request_id: string
    environment: Record<string, string>
    namespace: string
  }
  createdAt: unknown
}

test('parallel callers keep their own identity for the whole invocation', async () => {
  const openids = ['o_1', 'o_2', 'o_3', 'o_4', null, 'o_6']
  const results = (await Promise.all(
    openids.map((openid, i) => cloud.invoke('whoami', { delayMs: 150 - i * 20 }, openid)),
  )) as WhoAmI[]
  results.forEach((result, i) => {
    expect(result.before.OPENID).toBe(openids[i] ?? undefined)
    expect(result.after.OPENID).toBe(openids[i] ?? undefined)
  })
  // Warm workers are reused: a later anonymous call on a worker that served o_1 has no OPENID.
  const again = (await Promise.all(openids.map(() => cloud.invoke('whoami', {}, null)))) as WhoAmI[]
  expect(
    again.every((result) => result.after.OPENID === undefined && result.rawOpenid === undefined),
  ).toBe(true)
})

test('getWXContext and the context argument look like the cloud', async () => {
  const result = (await cloud.invoke('whoami', { hello: 1 }, 'o_ctx')) as WhoAmI & {
    event: unknown
  }
  expect(result.after).toEqual({
    OPENID: 'o_ctx',
    APPID: expect.any(String),
    CLIENTIP: '127.0.0.1',
    ENV: 'local-dev',
    SOURCE: 'wx_client',
  })
  expect(result.event).toEqual({ hello: 1 })
  expect(result.context.function_name).toBe('whoami')
  expect(result.context.request_id).toMatch(/^[0-9a-f-]{36}$/)
  expect(result.context.namespace).toBe('local-dev')
  expect(result.context.environment).toMatchObject({
    WX_OPENID: 'o_ctx',
    WX_CONTEXT_KEYS: expect.stringContaining('WX_OPENID'),
    TCB_ENV: 'local-dev',
  })
  // callFunction answers JSON: a Date returned by main arrives as its ISO string.
  expect(result.createdAt).toBe('1970-01-01T00:00:00.000Z')
})

test('fireTimer invokes with the timer event, no OPENID, SOURCE wx_trigger', async () => {
  await cloud.store.ensureCollection('ticks')
  const result = (await cloud.fireTimer('timer')) as {
    event: Record<string, unknown>
    wxContext: Record<string, unknown>
  }
  expect(result.event).toEqual({
    Type: 'Timer',
    TriggerName: 'dailyReminder',
    Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    Message: '',
  })
  expect(result.wxContext.OPENID).toBeUndefined()
  expect(result.wxContext.SOURCE).toBe('wx_trigger')
  const ticks = await cloud.store.find('ticks')
  expect(ticks).toHaveLength(1)
  expect(ticks[0].at).toBeInstanceOf(Date)
  await expect(cloud.fireTimer('whoami')).rejects.toMatchObject({ errCode: -501000 })
})

test('a function over its config.json timeout fails with -404011 and its worker is replaced', async () => {
  const started = Date.now()
  await expect(cloud.invoke('slow', { ms: 3000 })).rejects.toMatchObject({
    errCode: -404011,
    errMsg: expect.stringContaining('timed out after 1 seconds'),
  })
  expect(Date.now() - started).toBeLessThan(2500)
  await expect(cloud.invoke('slow', { ms: 10 })).resolves.toEqual({ waited: 10 })
})

test('a throwing main and a crashing instance answer -404011; the next call works', async () => {
  await expect(cloud.invoke('slow', { fail: true })).rejects.toMatchObject({
    errCode: -404011,
    errMsg: expect.stringContaining('boom from main'),
  })
  await expect(cloud.invoke('slow', { crash: true, ms: 200 })).rejects.toMatchObject({
    errCode: -404011,
    errMsg: expect.stringContaining('uncaught in a timer'),
  })
  await expect(cloud.invoke('slow', {})).resolves.toEqual({ waited: 0 })
})

test('missing and unbuilt functions answer -501000 with a clear message', async () => {
  await expect(cloud.invoke('unbuilt', {})).rejects.toMatchObject({
    errCode: -501000,
    errMsg: expect.stringContaining('函数 unbuilt 未构建：请先运行 npm run build:cloud'),
  })
  await expect(cloud.invoke('does-not-exist', {})).rejects.toMatchObject({ errCode: -501000 })
  await expect(cloud.invoke('../etc', {})).rejects.toMatchObject({ errCode: -501000 })
})

describe('HTTP /cloud/*', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${cloud.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    })

  test('POST /cloud/invoke/:fn takes the caller from X-Local-Openid and answers {result, requestID}', async () => {
    const response = await post('/cloud/invoke/whoami', JSON.stringify({ via: 'http' }), {
      'X-Local-Openid': 'o_http',
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      result: WhoAmI & { event: unknown }
      requestID: string
    }
    expect(body.result.after.OPENID).toBe('o_http')
    expect(body.result.event).toEqual({ via: 'http' })
    expect(body.requestID).toBe(body.result.context.request_id)
    const anonymous = (await (await post('/cloud/invoke/whoami', '{}')).json()) as {
      result: WhoAmI
    }
    expect(anonymous.result.after.OPENID).toBeUndefined()
  })

  test('CORS preflight, users, errors as {errCode, errMsg}', async () => {
    // The H5 dev server's origin (H5_PORT, default 10086) may call cross-origin.
    const preflight = await fetch(`${cloud.url}/cloud/invoke/whoami`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:10086' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Local-Openid/)
    expect(await (await fetch(`${cloud.url}/cloud/users`)).json()).toEqual(USERS)
    const bad = await post('/cloud/invoke/whoami', '{not json')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ errCode: -501007, errMsg: expect.any(String) })
    const missing = await post('/cloud/invoke/nope', '{}')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ errCode: -501000 })
    const timeout = await post('/cloud/invoke/slow', JSON.stringify({ ms: 5000 }))
    expect(timeout.status).toBe(500)
    expect(await timeout.json()).toMatchObject({ errCode: -404011 })
  })

  test('POST /cloud/timer/:fn fires the trigger', async () => {
    const response = await post('/cloud/timer/timer', '', { 'X-Local-Cloud-Secret': cloud.secret })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { result: { event: { Type: string } } }
    expect(body.result.event.Type).toBe('Timer')
  })

  test('other paths serve the static folder with an index.html fallback', async () => {
    const index = await fetch(`${cloud.url}/`)
    expect(index.headers.get('content-type')).toMatch(/text\/html/)
    expect(await index.text()).toContain('<title>h5</title>')
    expect(await (await fetch(`${cloud.url}/js/app.js`)).text()).toBe('console.log(1)')
    expect(await (await fetch(`${cloud.url}/pages/order/index?id=1`)).text()).toContain(
      '<title>h5</title>',
    )
    const escape = await fetch(`${cloud.url}/..%2f..%2fetc%2fpasswd`)
    expect(await escape.text()).not.toContain('root:')
  })
})
