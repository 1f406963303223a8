// cloud.openapi.customerServiceMessage.send through the unmodified SDK, and WeChat's 客服 message
// push (LocalCloud.pushMessage): the wire shape the SDK sends (wx.openApi, snake_case pairs), each
// send recorded in the 客服 inbox, the 48-hour reply window, permissions from config.json.
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES, sdkFailure } from './fixtures'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ functionsRoot: FIXTURES })
})
afterAll(() => cloud?.stop())
beforeEach(async () => {
  cloud.clock.set(null)
  await cloud.csInbox.clear()
})

const seconds = () => Math.floor(Date.now() / 1000)
const push = (from = 'o_customer', at = seconds()) =>
  cloud.pushMessage('kefu', {
    ToUserName: 'gh_shop',
    FromUserName: from,
    CreateTime: at,
    MsgType: 'text',
    Content: '你好',
    MsgId: `${from}_${at}`,
  })
const send = (message: object) => cloud.invoke('kefu', { message }, 'o_merchant')

test('a pushed message reaches the function as WeChat sends it; its reply lands in the inbox', async () => {
  expect(await push()).toEqual({
    ok: true,
    result: { errCode: 0, errMsg: 'openapi.customerServiceMessage.send:ok' },
    OPENID: 'o_customer',
    SOURCE: 'wx_unknown',
  })
  expect(await cloud.csInbox.list()).toEqual([
    {
      touser: 'o_customer',
      msgtype: 'text',
      body: { content: '收到' },
      fn: 'kefu',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      errcode: 0,
      errmsg: 'ok',
    },
  ])
})

test('the SDK sends snake_case keys (thumbMediaId -> thumb_media_id)', async () => {
  await push()
  const card = { title: '订单', pagepath: 'pages/order/index?id=1', thumbMediaId: 'm1' }
  expect(
    await send({ touser: 'o_customer', msgtype: 'miniprogrampage', miniprogrampage: card }),
  ).toMatchObject({ ok: true })
  const [, sent] = await cloud.csInbox.list()
  expect(sent).toMatchObject({
    msgtype: 'miniprogrampage',
    body: { title: '订单', pagepath: 'pages/order/index?id=1', thumb_media_id: 'm1' },
  })
})

test('outside the 48-hour window (or to someone who never wrote) WeChat answers 45015', async () => {
  const text = { msgtype: 'text', text: { content: '您好' } }
  expect(await send({ touser: 'o_stranger', ...text })).toMatchObject({
    ok: false,
    errCode: 45015,
  })
  await push('o_customer', seconds())
  cloud.clock.set(new Date(Date.now() + 47 * 3600_000))
  expect(await send({ touser: 'o_customer', ...text })).toMatchObject({ ok: true })
  cloud.clock.set(new Date(Date.now() + 49 * 3600_000))
  expect(await send({ touser: 'o_customer', ...text })).toMatchObject({
    ok: false,
    errCode: 45015,
  })
  expect((await cloud.csInbox.list()).map((m) => m.errcode)).toEqual([45015, 0, 0, 45015])
})

test('missing touser, an unknown msgtype or an empty text are refused like WeChat', async () => {
  await push()
  expect(await send({ msgtype: 'text', text: { content: 'x' } })).toMatchObject({ errCode: 40003 })
  expect(await send({ touser: 'o_customer', msgtype: 'voice', voice: {} })).toMatchObject({
    errCode: 40008,
  })
  expect(
    await send({ touser: 'o_customer', msgtype: 'text', text: { content: '' } }),
  ).toMatchObject({ errCode: 47003 })
})

test('injected failures (inbox.failNext) apply to 客服 sends too', async () => {
  await push()
  cloud.inbox.failNext(45047)
  expect(
    await send({ touser: 'o_customer', msgtype: 'text', text: { content: 'x' } }),
  ).toMatchObject({ ok: false, errCode: 45047 })
})

test('a function without the permission in config.json is refused (-604101), nothing recorded', async () => {
  const failure = await sdkFailure(
    cloud,
    `return await cloud.openapi.customerServiceMessage.send({ touser: 'o_customer', msgtype: 'text', text: { content: 'x' } })`,
  )
  expect(failure.errCode).toBe(-604101)
  expect(await cloud.csInbox.list()).toEqual([])
})

test('over HTTP: POST /cloud/push/:fn delivers, GET /cloud/cs-inbox lists, both need the secret', async () => {
  const headers = { 'Content-Type': 'application/json', 'X-Local-Cloud-Secret': cloud.secret }
  const event = {
    FromUserName: 'o_http',
    CreateTime: seconds(),
    MsgType: 'text',
    Content: '你好',
    MsgId: '1',
  }
  const denied = await fetch(`${cloud.url}/cloud/push/kefu`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(event),
  })
  expect(denied.status).toBe(401)
  const pushed = await fetch(`${cloud.url}/cloud/push/kefu`, {
    method: 'POST',
    headers,
    body: JSON.stringify(event),
  })
  expect(await pushed.json()).toMatchObject({ result: { ok: true, OPENID: 'o_http' } })
  const listed = await fetch(`${cloud.url}/cloud/cs-inbox`, { headers })
  expect(await listed.json()).toEqual(await cloud.csInbox.list())
})
