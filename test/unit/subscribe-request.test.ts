// Which purposes a tap asks for, and how WeChat's answers become message.authorize's payload.
import type { MessagePurpose, SubscriptionSetting } from '@/domain/messages'
import { TAP_POINT_PURPOSES } from '@/domain/messages'
import {
  alwaysFor,
  authorizeInputFrom,
  failOutcome,
  purposesToAsk,
  SUBSCRIBE_FAIL,
} from '@/domain/subscribe-request'

const templates = { idOf: (purpose: MessagePurpose) => `tmpl_${purpose}` }

function row(purpose: MessagePurpose, overrides: Partial<SubscriptionSetting> = {}) {
  return {
    purpose,
    title: purpose,
    description: '',
    enabled: true,
    credits: 0,
    always: null,
    refused: false,
    ...overrides,
  } satisfies SubscriptionSetting
}

describe('purposesToAsk', () => {
  const submit = TAP_POINT_PURPOSES.submitOrder

  test.each([
    ['no settings yet: every wanted purpose', undefined, submit],
    ['all allowed', [row('order_confirmed'), row('shipped')], submit],
    [
      'turned off is not asked',
      [row('production_started', { enabled: false })],
      ['order_confirmed', 'shipped'],
    ],
    [
      'refused for good is not asked',
      [row('order_confirmed', { refused: true, always: 'reject' })],
      ['production_started', 'shipped'],
    ],
    [
      'always-accept is still asked (it earns a credit without a popup)',
      [row('shipped', { always: 'accept' })],
      submit,
    ],
    [
      'everything refused or off: nothing to ask',
      [
        row('order_confirmed', { refused: true }),
        row('production_started', { enabled: false }),
        row('shipped', { refused: true, always: 'ban' }),
      ],
      [],
    ],
  ] as const)('%s', (_name, items, expected) => {
    const settings = items ? { items: [...items] } : undefined
    expect(purposesToAsk(submit, settings)).toEqual(expected)
  })

  test('at most 3, each once', () => {
    const wanted: MessagePurpose[] = [
      'shipped',
      'shipped',
      'delivered',
      'order_confirmed',
      'refill_reminder',
    ]
    expect(purposesToAsk(wanted)).toEqual(['shipped', 'delivered', 'order_confirmed'])
  })

  test('every tap point asks for at most 3', () => {
    for (const wanted of Object.values(TAP_POINT_PURPOSES)) {
      expect(purposesToAsk(wanted).length).toBeLessThanOrEqual(3)
    }
  })
})

describe('authorizeInputFrom', () => {
  const asked: MessagePurpose[] = ['order_confirmed', 'production_started', 'shipped']

  test('maps each template result back to its purpose; errMsg and unknown values are dropped', () => {
    const answer = {
      errMsg: 'requestSubscribeMessage:ok',
      tmpl_order_confirmed: 'accept',
      tmpl_production_started: 'reject',
      tmpl_shipped: 'filter',
      tmpl_delivered: 'accept', // not asked
    }
    expect(authorizeInputFrom(asked, answer, templates)).toEqual({
      results: [
        { purpose: 'order_confirmed', result: 'accept' },
        { purpose: 'production_started', result: 'reject' },
        { purpose: 'shipped', result: 'filter' },
      ],
    })
  })

  test('ban is a result too', () => {
    expect(authorizeInputFrom(['shipped'], { tmpl_shipped: 'ban' }, templates).results).toEqual([
      { purpose: 'shipped', result: 'ban' },
    ])
  })

  test('adds the "always" choices of the asked templates and the main switch from getSetting', () => {
    const input = authorizeInputFrom(asked, { tmpl_shipped: 'accept' }, templates, {
      mainSwitch: true,
      itemSettings: {
        tmpl_shipped: 'accept',
        tmpl_order_confirmed: 'reject',
        tmpl_delivered: 'ban', // not asked: not reported
        SYS_MSG_TYPE_INTERACTIVE: 'accept',
      },
    })
    expect(input).toEqual({
      results: [{ purpose: 'shipped', result: 'accept' }],
      always: [
        { purpose: 'order_confirmed', setting: 'reject' },
        { purpose: 'shipped', setting: 'accept' },
      ],
      mainSwitch: true,
    })
  })

  test('a getSetting without itemSettings reports no "always" and keeps the main switch', () => {
    expect(authorizeInputFrom(asked, {}, templates, { mainSwitch: false })).toEqual({
      results: [],
      always: [],
      mainSwitch: false,
    })
  })
})

describe('fail codes never stop the user; 20004 records the switch', () => {
  test.each([
    [SUBSCRIBE_FAIL.switchedOff, 'switched_off'],
    [10005, 'skipped'],
    [10001, 'skipped'],
    [10002, 'skipped'],
    [10003, 'skipped'],
    [20001, 'skipped'],
    [20003, 'skipped'],
    [undefined, 'skipped'],
  ])('%p -> %s', (code, outcome) => {
    expect(failOutcome(code)).toBe(outcome)
  })
})

describe('alwaysFor: the device setting wins over the server copy', () => {
  test.each([
    ['no getSetting: the server copy', undefined, 'accept', 'accept'],
    ['getSetting says reject', { itemSettings: { tmpl_shipped: 'reject' } }, 'accept', 'reject'],
    ['getSetting no longer lists it', { itemSettings: {} }, 'reject', null],
    ['getSetting without itemSettings', { mainSwitch: true }, 'ban', 'ban'],
  ] as const)('%s', (_name, setting, fallback, expected) => {
    expect(alwaysFor('shipped', templates, setting, fallback)).toBe(expected)
  })
})
