// The weapp request flow in services/subscribe.ts. WeChat itself (requestSubscribeMessage,
// getSetting, cloud.callFunction) cannot run here, so the Taro API is replaced by a fake of that
// boundary that records calls; everything on our side of it is the real code.
import type { MessageSettings } from '@/domain/messages'
import { templateIdOf } from '@/domain/message-templates'
// jest.mock below is hoisted above this import, so the service binds to the fake.
import {
  askForSubscriptions,
  cachedMessageSettings,
  loadMessageSettings,
} from '@/services/subscribe'

type Call = { name: string; data: { action: string; payload?: unknown } }

const wechat = {
  calls: [] as Call[],
  order: [] as string[],
  request: jest.fn<Promise<Record<string, unknown>>, [{ tmplIds: string[] }]>(),
  getSetting: jest.fn(),
  settings: undefined as MessageSettings | undefined,
}

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    requestSubscribeMessage: (option: { tmplIds: string[] }) => {
      wechat.order.push('requestSubscribeMessage')
      return wechat.request(option)
    },
    getSetting: (option: unknown) => wechat.getSetting(option),
    showToast: () => undefined,
    cloud: {
      callFunction: async (call: Call) => {
        wechat.order.push(`${call.name}.${call.data.action}`)
        wechat.calls.push(call)
        return { result: { ok: true, data: wechat.settings ?? { items: [] } } }
      },
    },
  },
}))

const settings = (items: Partial<MessageSettings['items'][number]>[]): MessageSettings => ({
  items: items.map((item) => ({
    purpose: 'order_confirmed',
    title: '',
    description: '',
    enabled: true,
    credits: 0,
    always: null,
    refused: false,
    ...item,
  })) as MessageSettings['items'],
  mainSwitch: true,
  quietHoursOptIn: false,
  quietHours: { start: '22:00', end: '08:00' },
  dailyCap: 5,
})

const authorizeCalls = () => wechat.calls.filter((call) => call.data.action === 'authorize')

beforeEach(() => {
  wechat.calls = []
  wechat.order = []
  wechat.request.mockReset()
  wechat.getSetting.mockReset()
  wechat.settings = undefined
})

test('asks synchronously inside the tap, before any network call, then records the answer', async () => {
  const id = templateIdOf
  wechat.request.mockResolvedValue({
    errMsg: 'requestSubscribeMessage:ok',
    [id('order_confirmed')]: 'accept',
    [id('production_started')]: 'reject',
    [id('shipped')]: 'accept',
  })
  wechat.getSetting.mockResolvedValue({
    subscriptionsSetting: { mainSwitch: true, itemSettings: { [id('shipped')]: 'accept' } },
  })
  wechat.settings = settings([{ purpose: 'shipped', credits: 1 }])

  const request = askForSubscriptions('submitOrder')
  // Called in the same tick as the tap: WeChat refuses a request made after an await.
  expect(wechat.order).toEqual(['requestSubscribeMessage'])
  expect(wechat.request).toHaveBeenCalledWith({
    tmplIds: [id('order_confirmed'), id('production_started'), id('shipped')],
  })

  await request.answered
  await expect(request.recorded).resolves.toEqual(wechat.settings)
  expect(wechat.getSetting).toHaveBeenCalledWith({ withSubscriptions: true })
  expect(authorizeCalls().map((call) => call.data.payload)).toEqual([
    {
      results: [
        { purpose: 'order_confirmed', result: 'accept' },
        { purpose: 'production_started', result: 'reject' },
        { purpose: 'shipped', result: 'accept' },
      ],
      always: [{ purpose: 'shipped', setting: 'accept' }],
      mainSwitch: true,
    },
  ])
  expect(cachedMessageSettings()).toEqual(wechat.settings)
})

test('uses the cached settings: a refused or switched-off purpose is not asked again', async () => {
  wechat.settings = settings([
    { purpose: 'order_confirmed', refused: true, always: 'reject' },
    { purpose: 'production_started', enabled: false },
  ])
  await loadMessageSettings()
  wechat.request.mockResolvedValue({ [templateIdOf('shipped')]: 'accept' })
  wechat.getSetting.mockResolvedValue({ subscriptionsSetting: { mainSwitch: true } })

  const request = askForSubscriptions('submitOrder')
  expect(request.asked).toEqual(['shipped'])
  expect(wechat.request).toHaveBeenCalledWith({ tmplIds: [templateIdOf('shipped')] })
  await request.recorded
})

test('nothing left to ask: no sheet, no call, settles at once', async () => {
  wechat.settings = settings([
    { purpose: 'refill_reminder', refused: true },
    { purpose: 'wake_up', enabled: false },
  ])
  await loadMessageSettings()
  const request = askForSubscriptions('refills')
  expect(request.asked).toEqual([])
  await expect(request.recorded).resolves.toBeUndefined()
  expect(wechat.request).not.toHaveBeenCalled()
})

test('20004 (switched off in WeChat) is recorded as mainSwitch false; the tap still settles', async () => {
  wechat.settings = undefined
  await loadMessageSettings() // an empty cache: every purpose may be asked
  wechat.request.mockRejectedValue({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' })
  const request = askForSubscriptions('openTracking')
  await expect(request.answered).resolves.toBeUndefined()
  await request.recorded
  expect(authorizeCalls().map((call) => call.data.payload)).toEqual([
    { results: [], mainSwitch: false },
  ])
  expect(wechat.getSetting).not.toHaveBeenCalled()
})

test.each([10005, 10001, 10002, 10003, 20001, 20003])(
  'fail code %i is skipped quietly: nothing recorded, nothing thrown',
  async (errCode) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    wechat.request.mockRejectedValue({ errCode, errMsg: 'requestSubscribeMessage:fail' })
    const request = askForSubscriptions('reorder')
    await expect(request.answered).resolves.toBeUndefined()
    await expect(request.recorded).resolves.toBeUndefined()
    expect(authorizeCalls()).toEqual([])
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  },
)

test('a synchronous throw from the API never reaches the tap handler', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  wechat.request.mockImplementation(() => {
    throw new Error('not supported')
  })
  const request = askForSubscriptions('reorder')
  await expect(request.answered).resolves.toBeUndefined()
  await expect(request.recorded).resolves.toBeUndefined()
  warn.mockRestore()
})
