// The wx stand-in's answers, pinned to the shapes WeChat documents for each API the app uses
// (developers.weixin.qq.com, API reference): the app reads these fields, so a stand-in that drifts
// from them would let the weapp layer pass where a phone fails.
import { PAY_CANCELLED, WxStandIn, type PageRouter, type PayOutcome } from './harness/wx-stand-in'

const router: PageRouter = {
  navigateTo: async () => undefined,
  redirectTo: async () => undefined,
  switchTab: async () => undefined,
  reLaunch: async () => undefined,
  navigateBack: async () => undefined,
}
const standIn = () => new WxStandIn('o_user', router, async (name, data) => ({ name, data }))
type Api = Record<string, (options?: object) => Promise<Record<string, unknown>>>

test('cloud.callFunction resolves { result, requestID, errMsg } once wx.cloud.init ran', async () => {
  const wx = standIn()
  const cloud = wx.wx.cloud as Api
  await expect(cloud.callFunction({ name: 'user', data: { action: 'me' } })).rejects.toMatchObject({
    errMsg: expect.stringMatching(/^cloud\.callFunction:fail /),
  })
  cloud.init({})
  await expect(cloud.callFunction({ name: 'user', data: { action: 'me' } })).resolves.toEqual({
    errMsg: 'cloud.callFunction:ok',
    requestID: expect.any(String),
    result: { name: 'user', data: { action: 'me' } },
  })
  wx.failNextCalls = 1
  await expect(cloud.callFunction({ name: 'user', data: {} })).rejects.toMatchObject({
    errMsg: expect.stringContaining('request:fail'),
  })
})

test('requestSubscribeMessage answers per template id, or fails with errMsg and errCode', async () => {
  const wx = standIn()
  const api = wx.wx as unknown as Api
  wx.inTap = true
  await expect(api.requestSubscribeMessage({ tmplIds: ['T1', 'T2'] })).resolves.toEqual({
    errMsg: 'requestSubscribeMessage:ok',
    T1: 'accept',
    T2: 'accept',
  })
  wx.subscribeAnswer = () => ({
    errCode: 20004,
    errMsg: 'requestSubscribeMessage:fail switched off',
  })
  await expect(api.requestSubscribeMessage({ tmplIds: ['T1'] })).rejects.toEqual({
    errCode: 20004,
    errMsg: 'requestSubscribeMessage:fail switched off',
  })
})

test('getSetting({ withSubscriptions }) carries subscriptionsSetting { mainSwitch, itemSettings }', async () => {
  const wx = standIn()
  wx.subscriptionsSetting = { mainSwitch: true, itemSettings: { T1: 'accept' } }
  const api = wx.wx as unknown as Api
  await expect(api.getSetting({ withSubscriptions: true })).resolves.toEqual({
    errMsg: 'getSetting:ok',
    authSetting: {},
    subscriptionsSetting: { mainSwitch: true, itemSettings: { T1: 'accept' } },
  })
  await expect(api.getSetting()).resolves.not.toHaveProperty('subscriptionsSetting')
})

test('privacy, modal and storage answer as the base library does', async () => {
  const wx = standIn()
  const api = wx.wx as unknown as Api
  wx.privacyNeeded = true
  await expect(api.getPrivacySetting()).resolves.toEqual({
    errMsg: 'getPrivacySetting:ok',
    needAuthorization: true,
    privacyContractName: expect.any(String),
  })
  wx.modalAnswers.push(false)
  await expect(api.showModal({ title: 't', content: 'c' })).resolves.toEqual({
    errMsg: 'showModal:ok',
    confirm: false,
    cancel: true,
  })
  const sync = wx.wx as unknown as Record<string, (...args: unknown[]) => unknown>
  expect(sync.getStorageSync('missing')).toBe('')
  sync.setStorageSync('k', { a: 1 })
  expect(sync.getStorageSync('k')).toEqual({ a: 1 })
})

test('onNetworkStatusChange listeners hear { isConnected, networkType } until taken off', () => {
  const wx = standIn()
  const sync = wx.wx as unknown as Record<string, (...args: unknown[]) => unknown>
  const heard: unknown[] = []
  const listener = (res: unknown) => heard.push(res)
  sync.onNetworkStatusChange(listener)
  wx.setNetwork(true)
  sync.offNetworkStatusChange(listener)
  wx.setNetwork(false)
  expect(heard).toEqual([{ isConnected: true, networkType: 'wifi' }])
})

test('requestPayment: success is { errMsg: "requestPayment:ok" }, closing the sheet fails with "requestPayment:fail cancel"', async () => {
  const settled: [string, PayOutcome][] = []
  const payment = {
    timeStamp: '1764561600',
    nonceStr: 'n0nce',
    package: 'prepay_id=wx01',
    signType: 'MD5',
    paySign: 'SIGN',
  }
  const wx = new WxStandIn(
    'o_user',
    router,
    async () => ({ ok: true, data: { payment, outTradeNo: '20261201000001P1' } }),
    async (outTradeNo, outcome) => void settled.push([outTradeNo, outcome]),
  )
  const api = wx.wx as unknown as Api
  const cloud = wx.wx.cloud as Api
  cloud.init({})
  await cloud.callFunction({ name: 'order', data: { action: 'pay' } }) // order.pay's answer

  await expect(api.requestPayment(payment)).resolves.toEqual({ errMsg: 'requestPayment:ok' })
  wx.paymentAnswer = () => 'cancelled'
  // Callback style, as WeChat's own docs write it.
  const answer = await new Promise((resolve) =>
    api.requestPayment({ ...payment, success: resolve, fail: resolve }),
  )
  expect(answer).toEqual({ errMsg: PAY_CANCELLED })
  expect(PAY_CANCELLED).toBe('requestPayment:fail cancel')
  wx.paymentAnswer = () => 'failed'
  await expect(api.requestPayment(payment)).rejects.toEqual({
    errMsg: expect.stringMatching(/^requestPayment:fail /),
  })
  // The sheet's outcome reached the payment stand-in for the trade order.pay started.
  expect(settled).toEqual([
    ['20261201000001P1', 'paid'],
    ['20261201000001P1', 'cancelled'],
    ['20261201000001P1', 'failed'],
  ])
  expect(wx.payments).toHaveLength(3)
  const { paySign, ...unsigned } = payment
  void paySign
  await expect(api.requestPayment(unsigned)).rejects.toEqual({
    errMsg: 'requestPayment:fail parameter error: paySign',
  })
})

test('an API the stand-in does not implement fails loudly, naming it', () => {
  const api = standIn().wx as unknown as Record<string, () => unknown>
  expect(() => api.scanCode()).toThrow('wx.scanCode 未在 wx 替身中实现')
})

test('chooseLocation answers { name, address, latitude, longitude } or fails cancel; openLocation takes the place', async () => {
  const wx = standIn()
  const api = wx.wx as unknown as Api
  await expect(api.chooseLocation({})).rejects.toEqual({ errMsg: 'chooseLocation:fail cancel' })
  wx.locationAnswer = {
    name: '人民广场',
    address: '上海市黄浦区',
    latitude: 31.23,
    longitude: 121.47,
  }
  await expect(api.chooseLocation({})).resolves.toEqual({
    errMsg: 'chooseLocation:ok',
    name: '人民广场',
    address: '上海市黄浦区',
    latitude: 31.23,
    longitude: 121.47,
  })
  const place = { latitude: 31.23, longitude: 121.47, name: '人民广场', address: '黄浦区' }
  await expect(api.openLocation(place)).resolves.toEqual({ errMsg: 'openLocation:ok' })
  expect(wx.openedLocations).toEqual([place])
})
