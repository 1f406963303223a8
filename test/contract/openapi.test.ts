// cloud.openapi.subscribeMessage.send through the unmodified SDK: multipart + protobuf on the
// wire, every send captured in the inbox, injected WeChat errors, permissions from config.json.
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES } from './fixtures'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ functionsRoot: FIXTURES })
})
afterAll(() => cloud?.stop())
beforeEach(() => cloud.inbox.clear())

const message = {
  touser: 'o_customer',
  templateId: 'TPL_ORDER_SHIPPED',
  page: 'pages/order/index?id=42',
  data: { thing1: { value: '量体定制衬衫' }, time2: { value: '2024-05-01 10:00' } },
  miniprogramState: 'developer',
}

type SendResult = {
  ok: boolean
  result?: Record<string, unknown>
  errCode?: number
  errMsg?: string
}
const send = (fn = 'notify', msg: object = message) =>
  cloud.invoke(fn, { message: msg }, 'o_merchant') as Promise<SendResult>

test('a send succeeds like WeChat and lands in the inbox with its fields', async () => {
  const reply = await send()
  expect(reply).toEqual({
    ok: true,
    result: { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok', msgid: expect.any(Number) },
  })
  const inbox = await cloud.inbox.list()
  expect(inbox).toEqual([
    {
      ...message,
      fn: 'notify',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      errcode: 0,
      errmsg: 'ok',
    },
  ])
  const http = (await (
    await fetch(`${cloud.url}/cloud/inbox`, { headers: { 'X-Local-Cloud-Secret': cloud.secret } })
  ).json()) as unknown[]
  expect(http).toEqual(inbox)
})

test('failNext(43101) and (45009, 2): the next sends throw those errCodes, then sends work again', async () => {
  cloud.inbox.failNext(43101)
  expect(await send()).toMatchObject({
    ok: false,
    errCode: 43101,
    errMsg: expect.stringContaining('user refuse to accept the msg'),
  })
  cloud.inbox.failNext(45009, 2)
  expect(await send()).toMatchObject({ ok: false, errCode: 45009 })
  expect(await send()).toMatchObject({ ok: false, errCode: 45009 })
  expect(await send()).toMatchObject({ ok: true })
  expect((await cloud.inbox.list()).map((m) => m.errcode)).toEqual([43101, 45009, 45009, 0])
})

test('POST /cloud/inbox/fail injects errors; DELETE /cloud/inbox clears', async () => {
  const headers = { 'Content-Type': 'application/json', 'X-Local-Cloud-Secret': cloud.secret }
  const response = await fetch(`${cloud.url}/cloud/inbox/fail`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ errcode: 43101, times: 1 }),
  })
  expect(response.status).toBe(200)
  expect(await send()).toMatchObject({ ok: false, errCode: 43101 })
  const bad = await fetch(`${cloud.url}/cloud/inbox/fail`, {
    method: 'POST',
    headers,
    body: '{"errcode":"x"}',
  })
  expect(bad.status).toBe(400)
  expect(await bad.json()).toMatchObject({ errCode: -501007 })
  const cleared = await fetch(`${cloud.url}/cloud/inbox`, { method: 'DELETE', headers })
  expect(await cleared.json()).toEqual({ ok: true })
  expect(await cloud.inbox.list()).toEqual([])
})

test('missing touser / templateId answer the WeChat codes 40003 / 40037', async () => {
  expect(await send('notify', { ...message, touser: '' })).toMatchObject({
    ok: false,
    errCode: 40003,
  })
  expect(await send('notify', { ...message, templateId: undefined })).toMatchObject({
    ok: false,
    errCode: 40037,
  })
})

test('a function without the openapi permission in config.json is refused (-604101)', async () => {
  expect(await send('noperm')).toMatchObject({ ok: false, errCode: -604101 })
  expect(await cloud.inbox.list()).toEqual([])
})

test('an openapi the local cloud does not emulate answers a clear WeChat-like error', async () => {
  const reply = (await cloud.invoke(
    'script',
    { code: `return await cloud.openapi.wxacode.getUnlimited({ scene: 'a=1' })` },
    'o_x',
  )) as { thrown?: { errCode: number; errMsg: string } }
  expect(reply.thrown).toMatchObject({
    errCode: 48001,
    errMsg: expect.stringContaining('not emulated by the local cloud'),
  })
})
