// cloud.cloudPay.* through the unmodified SDK against the local cloud's stand-in (cloudpay.ts):
// the multipart wx.wxPayApi call, WeChat Pay v2 answers camelCased by the SDK, notices delivered
// to a function (fixture paycb) until it answers errcode 0, refunds, and POST /cloud/pay.
import * as client from '@/cloud/cloudpay'
import { codeOf, cutBody } from '@/cloud/cloudpay'
import { startLocalCloud } from '../../tools/local-cloud'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES, runSdk } from './fixtures'

// The typed client runs here; its cloud.cloudPay calls run in the script function through the
// real SDK (the wire and the answers are the stand-in's), as if the client ran in that function.
const mockPay = {
  forward: (api: string, data: object): Promise<unknown> =>
    Promise.reject(new Error(`${api} ${String(data)}`)),
}
jest.mock('wx-server-sdk', () => ({
  ...jest.requireActual('wx-server-sdk'),
  getWXContext: () => ({ ENV: 'local' }),
  cloudPay: new Proxy(
    {},
    { get: (_, api: string) => (data: object) => mockPay.forward(api, data) },
  ),
}))

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ functionsRoot: FIXTURES })
  cloud.pay.setRetryDelays([50, 50, 50, 50])
  await cloud.store.ensureCollection('paycb_seen')
  mockPay.forward = (api, data) => call(api, data)
})
afterAll(() => cloud?.stop())

let serial = 0
const tradeNo = (suffix = '') => `T${Date.now().toString(36)}${(serial += 1)}${suffix}`

const order = (outTradeNo: string, totalFee = 1999, extra: object = {}) =>
  runSdk(
    cloud,
    `return cloud.cloudPay.unifiedOrder(event.data)`,
    {
      data: {
        body: '量体定制衬衫',
        outTradeNo,
        totalFee,
        spbillCreateIp: '127.0.0.1',
        subMchId: '1900000109',
        envId: 'local',
        functionName: 'paycb',
        nonceStr: 'n0nce',
        tradeType: 'JSAPI',
        ...extra,
      },
    },
    'o_payer',
  )
const call = (api: string, data: object) =>
  runSdk(cloud, `return cloud.cloudPay[event.api](event.data)`, { api, data })
const refund = (outTradeNo: string, outRefundNo: string, refundFee: number, totalFee = 1999) =>
  call('refund', {
    outTradeNo,
    outRefundNo,
    totalFee,
    refundFee,
    refundDesc: '取消订单',
    subMchId: '1900000109',
    nonceStr: 'n0nce',
    envId: 'local',
    functionName: 'paycb',
  })
const seen = async (key: string) =>
  (await cloud.store.find('paycb_seen', { key })) as {
    event: Record<string, unknown>
    context: Record<string, unknown>
  }[]

test('unifiedOrder: the SDK sends wx.wxPayApi with snake_case requestData and answers camelCase with a payment for wx.requestPayment', async () => {
  const no = tradeNo()
  const result = await order(no)
  const sent = cloud.pay.calls().at(-1)!
  expect(sent).toMatchObject({
    apiName: 'unifiedOrder',
    fn: 'script',
    requestData: {
      body: '量体定制衬衫',
      out_trade_no: no,
      total_fee: 1999,
      spbill_create_ip: '127.0.0.1',
      sub_mch_id: '1900000109',
      env_id: 'local',
      function_name: 'paycb',
      nonce_str: 'n0nce',
      trade_type: 'JSAPI',
    },
  })
  expect(result).toMatchObject({
    errCode: 0,
    errMsg: 'cloudPay.unifiedOrder:ok',
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    subMchId: '1900000109',
    prepayId: expect.any(String),
    payment: {
      appId: expect.any(String),
      timeStamp: expect.stringMatching(/^\d{10}$/),
      nonceStr: expect.any(String),
      package: `prepay_id=${result.prepayId}`,
      signType: 'MD5',
      paySign: expect.any(String),
    },
  })
  expect(await call('queryOrder', { outTradeNo: no, subMchId: '1900000109' })).toMatchObject({
    resultCode: 'SUCCESS',
    tradeState: 'NOTPAY',
    totalFee: 1999,
  })
})

test('malformed calls are refused like WeChat: returnCode FAIL', async () => {
  expect(await order('has space')).toMatchObject({ returnCode: 'FAIL' })
  expect(await order('x'.repeat(33))).toMatchObject({ returnCode: 'FAIL' })
  expect(await order(tradeNo(), 0)).toMatchObject({ returnCode: 'FAIL' })
  expect(await order(tradeNo(), 1.5)).toMatchObject({ returnCode: 'FAIL' })
  expect(await order(tradeNo(), 1, { body: '衬'.repeat(43) })).toMatchObject({
    returnCode: 'FAIL',
    returnMsg: expect.stringContaining('body'),
  })
  expect(await order(tradeNo(), 1, { subMchId: '' })).toMatchObject({ returnCode: 'FAIL' })
  expect(await order(tradeNo(), 1, { functionName: '' })).toMatchObject({ returnCode: 'FAIL' })
})

test('business refusals: INVALID_REQUEST for a reused outTradeNo, ORDERPAID, ORDERCLOSED, ORDERNOTEXIST', async () => {
  const no = tradeNo()
  await order(no)
  expect(await order(no)).toMatchObject({ resultCode: 'SUCCESS' })
  expect(await order(no, 2000)).toMatchObject({ resultCode: 'FAIL', errCode: 0 })
  const reused = await order(no, 2000)
  // The SDK's own errCode 0 overwrites WeChat's err_code (both are errCode once camelCased).
  expect(reused.errCodeDes).toContain('商户订单号重复')
  expect(await call('queryOrder', { outTradeNo: 'nosuch', subMchId: '1900000109' })).toMatchObject({
    resultCode: 'FAIL',
    errCodeDes: '订单不存在',
  })
  expect(await cloud.pay.complete(no, 'paid')).toEqual({ ok: true })
  expect(await call('closeOrder', { outTradeNo: no, subMchId: '1900000109' })).toMatchObject({
    resultCode: 'FAIL',
    errCodeDes: expect.stringContaining('已支付'),
  })
  const closed = tradeNo()
  await order(closed)
  expect(await call('closeOrder', { outTradeNo: closed, subMchId: '1900000109' })).toMatchObject({
    resultCode: 'SUCCESS',
  })
  expect(await order(closed)).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已关' })
  expect(await cloud.pay.complete(closed, 'paid')).toMatchObject({ ok: false, code: 'ORDERCLOSED' })
  await cloud.pay.drain()
})

test('paid: the notice reaches the callback function as its event, without OPENID, SOURCE wx_paycallback', async () => {
  const no = tradeNo()
  await order(no)
  expect(await cloud.pay.complete(no, 'paid')).toEqual({ ok: true })
  await cloud.pay.drain()
  const [notice, ...more] = await seen(no)
  expect(more).toEqual([])
  expect(notice.event).toMatchObject({
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    outTradeNo: no,
    totalFee: 1999,
    cashFee: 1999,
    subMchId: '1900000109',
    openid: 'o_payer',
    subOpenid: 'o_payer',
    transactionId: expect.stringMatching(/^4200\d{24}$/),
    timeEnd: expect.stringMatching(/^\d{14}$/),
  })
  expect(notice.context.OPENID).toBeUndefined()
  expect(notice.context.SOURCE).toBe('wx_paycallback')
  const [trade] = (await cloud.pay.trades()).filter((t) => t.outTradeNo === no)
  expect(trade).toMatchObject({ state: 'SUCCESS', notified: true })
  expect(await call('queryOrder', { outTradeNo: no, subMchId: '1900000109' })).toMatchObject({
    tradeState: 'SUCCESS',
    transactionId: notice.event.transactionId,
    timeEnd: notice.event.timeEnd,
  })
})

test('a notice is retried until the function answers errcode 0; repeated, delayed and lost scripts', async () => {
  const failing = tradeNo('F2')
  await order(failing)
  await cloud.pay.complete(failing, 'paid')
  await cloud.pay.drain()
  expect(await seen(failing)).toHaveLength(3)

  const repeated = tradeNo()
  await order(repeated)
  cloud.pay.script({ callback: 'repeated', n: 3 })
  await cloud.pay.complete(repeated, 'paid')
  await cloud.pay.drain()
  expect(await seen(repeated)).toHaveLength(3)

  const delayed = tradeNo()
  await order(delayed)
  cloud.pay.script({ callback: 'delayed', ms: 300 })
  await cloud.pay.complete(delayed, 'paid')
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(await seen(delayed)).toHaveLength(0)
  await cloud.pay.drain()
  expect(await seen(delayed)).toHaveLength(1)

  const lost = tradeNo()
  await order(lost)
  cloud.pay.script({ callback: 'lost' })
  await cloud.pay.complete(lost, 'paid')
  await cloud.pay.drain()
  expect(await seen(lost)).toHaveLength(0)
  expect(await call('queryOrder', { outTradeNo: lost, subMchId: '1900000109' })).toMatchObject({
    tradeState: 'SUCCESS',
  })
})

test('a callback function that does not exist is logged and retried, and the local cloud carries on', async () => {
  const no = tradeNo()
  await order(no, 1, { functionName: 'nosuchfunction' })
  await cloud.pay.complete(no, 'paid')
  await cloud.pay.drain()
  const tries = cloud.pay.deliveries().filter((d) => d.key === no)
  expect(tries).toHaveLength(5)
  expect(tries[0].error).toBeDefined()
  expect(await order(tradeNo())).toMatchObject({ resultCode: 'SUCCESS' })
})

test('refund: never above what was paid, idempotent on outRefundNo, with its notice and queryRefund', async () => {
  const no = tradeNo()
  await order(no)
  expect(await refund(no, `${no}R1`, 100)).toMatchObject({ resultCode: 'FAIL' }) // not paid
  await cloud.pay.complete(no, 'paid')
  const first = await refund(no, `${no}R1`, 1500)
  expect(first).toMatchObject({ resultCode: 'SUCCESS', refundFee: 1500, outRefundNo: `${no}R1` })
  const again = await refund(no, `${no}R1`, 1500)
  expect(again.refundId).toBe(first.refundId)
  expect(await refund(no, `${no}R2`, 500)).toMatchObject({
    resultCode: 'FAIL',
    errCodeDes: expect.stringContaining('大于'),
  })
  expect(await refund(no, `${no}R2`, 499)).toMatchObject({ resultCode: 'SUCCESS' })
  expect(await refund(no, `${no}R1`, 1)).toMatchObject({ resultCode: 'FAIL' })
  await cloud.pay.drain()
  const refunds = (await cloud.pay.refunds()).filter((r) => r.outTradeNo === no)
  expect(refunds.map((r) => [r.refundFee, r.state])).toEqual([
    [1500, 'SUCCESS'],
    [499, 'SUCCESS'],
  ])
  const [notice] = await seen(`${no}R1`)
  expect(notice.event).toMatchObject({
    returnCode: 'SUCCESS',
    outTradeNo: no,
    outRefundNo: `${no}R1`,
    refundStatus: 'SUCCESS',
    refundFee: 1500,
    settlementRefundFee: 1500,
    totalFee: 1999,
    successTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
  })
  expect(notice.context.SOURCE).toBe('wx_paycallback')
  expect(
    await call('queryRefund', { outRefundNo: `${no}R1`, subMchId: '1900000109' }),
  ).toMatchObject({ resultCode: 'SUCCESS', refundStatusList: ['SUCCESS'], refundFeeList: [1500] })
})

test('refund scripts: fail_then_succeed answers SYSTEMERROR once; fail answers NOTENOUGH until cleared', async () => {
  const no = tradeNo()
  await order(no)
  await cloud.pay.complete(no, 'paid')
  cloud.pay.script({ refund: 'fail_then_succeed' })
  expect(await refund(no, `${no}R1`, 1999)).toMatchObject({ resultCode: 'FAIL' })
  expect(await refund(no, `${no}R1`, 1999)).toMatchObject({ resultCode: 'SUCCESS' })
  const other = tradeNo()
  await order(other)
  await cloud.pay.complete(other, 'paid')
  cloud.pay.script({ refund: 'fail' })
  const refused = await refund(other, `${other}R1`, 1999)
  expect(refused).toMatchObject({
    resultCode: 'FAIL',
    errCodeDes: expect.stringContaining('余额不足'),
  })
  cloud.pay.script({ refund: 'normal' })
  expect(await refund(other, `${other}R1`, 1999)).toMatchObject({ resultCode: 'SUCCESS' })
  expect((await cloud.pay.refunds()).filter((r) => r.outTradeNo === other)).toHaveLength(1)
  await cloud.pay.drain()
})

test('failNext: the call gets no answer and the SDK throws', async () => {
  cloud.pay.failNext()
  await expect(order(tradeNo())).rejects.toMatchObject({ errMsg: expect.any(String) })
  expect(await order(tradeNo())).toMatchObject({ resultCode: 'SUCCESS' })
})

test('POST /cloud/pay: the simulated sheet, without the secret, JSON only', async () => {
  const no = tradeNo()
  await order(no)
  const post = (body: unknown, type = 'application/json') =>
    fetch(`${cloud.url}/cloud/pay`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: JSON.stringify(body),
    })
  expect(await (await post({ outTradeNo: no, outcome: 'cancelled' })).json()).toEqual({ ok: true })
  expect((await cloud.pay.trades()).find((t) => t.outTradeNo === no)?.state).toBe('NOTPAY')
  expect(await (await post({ outTradeNo: no, outcome: 'failed' })).json()).toEqual({ ok: true })
  expect((await cloud.pay.trades()).find((t) => t.outTradeNo === no)?.state).toBe('PAYERROR')
  expect(await (await post({ outTradeNo: no, outcome: 'paid' })).json()).toEqual({ ok: true })
  expect(await (await post({ outTradeNo: no, outcome: 'paid' })).json()).toMatchObject({
    ok: false,
    code: 'ORDERPAID',
  })
  expect(await (await post({ outTradeNo: 'nosuch', outcome: 'paid' })).json()).toMatchObject({
    ok: false,
    code: 'ORDERNOTEXIST',
  })
  expect((await post({ outTradeNo: no, outcome: 'maybe' })).status).toBe(400)
  expect((await post({ outTradeNo: no, outcome: 'paid' }, 'text/plain')).status).toBe(415)
  await cloud.pay.drain()
  expect(await seen(no)).toHaveLength(1)
})

test('src/cloud/cloudpay: body cut to 128 UTF-8 bytes on a character boundary; codes from err_code_des', () => {
  const cut = cutBody('衬'.repeat(50))
  expect(Buffer.byteLength(cut)).toBe(126)
  expect(cut).toBe('衬'.repeat(42))
  expect(cutBody('a'.repeat(200))).toHaveLength(128)
  expect(codeOf('该订单已支付')).toBe('ORDERPAID')
  expect(codeOf('基本账户余额不足，请充值后重新发起')).toBe('NOTENOUGH')
  expect(codeOf('系统超时，请用相同参数再次调用')).toBe('SYSTEMERROR')
  expect(codeOf('201 商户订单号重复')).toBe('INVALID_REQUEST')
})

test('a restart keeps trades and resends a notice never acknowledged', async () => {
  const options = { functionsRoot: FIXTURES, databaseUrl: cloud.databaseUrl, port: 0 }
  const first = await startLocalCloud({ ...options, payRetryDelaysMs: [60_000] })
  const no = tradeNo('F1')
  try {
    await runSdk(
      { ...first, databaseUrl: cloud.databaseUrl },
      `return cloud.cloudPay.unifiedOrder(event.data)`,
      {
        data: {
          body: '衬衫',
          outTradeNo: no,
          totalFee: 100,
          spbillCreateIp: '127.0.0.1',
          subMchId: '1900000109',
          envId: 'local',
          functionName: 'paycb',
          nonceStr: 'n0nce',
        },
      },
    )
    await first.pay.complete(no, 'paid')
    while (!first.pay.deliveries().some((d) => d.key === no && d.answer))
      await new Promise((resolve) => setTimeout(resolve, 20))
  } finally {
    await first.stop() // the notice was answered errcode 1 and waits for its retry
  }
  const second = await startLocalCloud({ ...options, payRetryDelaysMs: [50] })
  try {
    await second.pay.drain()
    expect(await seen(no)).toHaveLength(2)
    expect((await second.pay.trades()).find((t) => t.outTradeNo === no)).toMatchObject({
      state: 'SUCCESS',
      totalFee: 100,
      notified: true,
    })
  } finally {
    await second.stop()
  }
})

test('src/cloud/cloudpay through the stand-in: payment, refusals as codes, queries, idempotent refund', async () => {
  const no = tradeNo()
  const made = await client.unifiedOrder({ outTradeNo: no, totalFee: 500, body: '衬'.repeat(60) })
  expect(made).toEqual({
    ok: true,
    payment: {
      timeStamp: expect.stringMatching(/^\d{10}$/),
      nonceStr: expect.any(String),
      package: expect.stringMatching(/^prepay_id=/),
      signType: 'MD5',
      paySign: expect.any(String),
    },
  })
  expect(cloud.pay.calls().at(-1)?.requestData).toMatchObject({
    body: '衬'.repeat(42),
    sub_mch_id: '1900000109',
    env_id: 'local',
    function_name: 'payment',
  })
  expect(await client.queryOrder(no)).toEqual({ tradeState: 'NOTPAY', totalFee: 500 })
  expect(await client.queryOrder('nosuch')).toEqual({ tradeState: 'NOTEXIST' })
  expect(await client.unifiedOrder({ outTradeNo: no, totalFee: 501, body: 'x' })).toMatchObject({
    ok: false,
    code: 'INVALID_REQUEST',
  })
  cloud.pay.script({ callback: 'lost' }) // function 'payment' is not among the fixtures
  await cloud.pay.complete(no, 'paid')
  expect(await client.queryOrder(no)).toMatchObject({ tradeState: 'SUCCESS', totalFee: 500 })
  expect(await client.closeOrder(no)).toMatchObject({ ok: false, code: 'ORDERPAID' })
  const input = {
    outTradeNo: no,
    outRefundNo: `${no}R1`,
    totalFee: 500,
    refundFee: 500,
    refundDesc: '取消',
  }
  const first = await client.refund(input)
  expect(first).toEqual({ ok: true, refundId: expect.any(String) })
  expect(await client.refund(input)).toEqual(first)
  expect(await client.refund({ ...input, outRefundNo: `${no}R2`, refundFee: 1 })).toMatchObject({
    ok: false,
    code: 'INVALID_REQUEST',
  })
  expect(await client.queryRefund(`${no}R1`)).toEqual({ refundStatus: 'SUCCESS', refundFee: 500 })
  expect(await client.queryRefund('nosuch')).toEqual({ refundStatus: 'NOTEXIST' })
  cloud.pay.failNext()
  await expect(client.queryOrder(no)).rejects.toBeDefined()
  await cloud.pay.drain()
})
