import { newOutboxRecord } from '@/domain/message-drafts'
import { configProblems, MESSAGE_CONFIG } from '@/domain/message-templates'
import {
  experimentFigures,
  variantHourOf,
  variantOf,
  type MessageExperiments,
} from '@/domain/message-variants'
import rawConfig from '../../config/message-templates.json'

const TWO: MessageExperiments = {
  refill_reminder: [
    { key: 'a', label: '原文案' },
    { key: 'b', label: '晚上发', sendHour: 20, values: { tip: '一键补货' } },
  ],
}
const openids = Array.from({ length: 2000 }, (_, index) => `o_customer_${index}`)

test('a customer always gets the same variant, and customers split about evenly', () => {
  const first = openids.map((openid) => variantOf(TWO, 'refill_reminder', openid)?.key)
  expect(openids.map((openid) => variantOf(TWO, 'refill_reminder', openid)?.key)).toEqual(first)
  const b = first.filter((key) => key === 'b').length
  expect(b / openids.length).toBeGreaterThan(0.45)
  expect(b / openids.length).toBeLessThan(0.55)
  expect(variantOf(TWO, 'order_confirmed', openids[0])).toBeNull()
})

test('the outbox row carries its variant and the variant’s wording', () => {
  const experiments = MESSAGE_CONFIG.experiments ?? {}
  const variants = experiments.refill_reminder ?? []
  expect(variants.length).toBeGreaterThanOrEqual(2)
  for (const variant of variants) {
    const openid = openids.find((id) => variantOf(experiments, 'refill_reminder', id) === variant)
    const draft = {
      purpose: 'refill_reminder' as const,
      toOpenid: openid as string,
      key: `test:${variant.key}`,
      page: 'pages/refills/index',
      values: { productName: '滤芯', dueDate: '2026-12-08', tip: '快用完了，点此一键补货' },
    }
    const row = newOutboxRecord(draft, new Date('2026-12-01T03:00:00Z'))
    expect(row.variant).toBe(variant.key)
    expect(row.values).toEqual({ ...draft.values, ...variant.values })
  }
  const confirmed = newOutboxRecord(
    { purpose: 'order_confirmed', toOpenid: 'o1', key: 'k', page: 'p', values: {} },
    new Date(),
  )
  expect(confirmed).not.toHaveProperty('variant')
})

test('a variant’s hour, only for its own rows', () => {
  expect(variantHourOf(TWO, { purpose: 'refill_reminder', variant: 'b' })).toBe(20)
  expect(variantHourOf(TWO, { purpose: 'refill_reminder', variant: 'a' })).toBeNull()
  expect(variantHourOf(TWO, { purpose: 'refill_reminder' })).toBeNull()
})

const withExperiments = (experiments: unknown) => ({ ...rawConfig, experiments })

test.each([
  [{ nope: TWO.refill_reminder }, 'experiments.nope: 没有这种消息'],
  [{ refill_reminder: [{ key: 'a', label: 'x' }] }, '需要 2–4 个方案'],
  [{ refill_reminder: [TWO.refill_reminder?.[0], TWO.refill_reminder?.[0]] }, 'key 无效或重复'],
  [
    {
      refill_reminder: [
        { key: 'a', label: 'x' },
        { key: 'b c', label: 'y' },
      ],
    },
    'key 无效或重复',
  ],
  [{ refill_reminder: [{ key: 'a', label: 'x' }, { key: 'b' }] }, '缺少 label'],
  [
    {
      refill_reminder: [
        { key: 'a', label: 'x' },
        { key: 'b', label: 'y', values: { no: 'z' } },
      ],
    },
    '模板不显示 no',
  ],
  [
    {
      refill_reminder: [
        { key: 'a', label: 'x' },
        { key: 'b', label: 'y', values: { tip: '一二三四五六七八九十一二三四五六七八九十一' } },
      ],
    },
    '超过 20 个字',
  ],
  [
    {
      order_confirmed: [
        { key: 'a', label: 'x' },
        { key: 'b', label: 'y', sendHour: 20 },
      ],
    },
    '这种消息不能延后发送',
  ],
  [
    {
      refill_reminder: [
        { key: 'a', label: 'x' },
        { key: 'b', label: 'y', sendHour: 24 },
      ],
    },
    'sendHour 须为 0–23',
  ],
])('configProblems rejects %j', (experiments, problem) => {
  expect(configProblems(withExperiments(experiments)).join('; ')).toContain(problem)
})

test('the shipped configuration and the two-variant example are valid', () => {
  expect(configProblems(rawConfig)).toEqual([])
  expect(configProblems(withExperiments(TWO))).toEqual([])
})

test('figures per variant match a hand count; an order counts within 7 days after the send', () => {
  const day = (n: number, hour = 10) => new Date(Date.UTC(2026, 10, n, hour - 8))
  const sent = [
    {
      purpose: 'refill_reminder' as const,
      variant: 'a',
      toOpenid: 'x',
      sentAt: day(1),
      opened: true,
    },
    { purpose: 'refill_reminder' as const, variant: 'a', toOpenid: 'y', sentAt: day(1) },
    {
      purpose: 'refill_reminder' as const,
      variant: 'b',
      toOpenid: 'z',
      sentAt: day(1),
      opened: true,
    },
    { purpose: 'refill_reminder' as const, variant: 'b', toOpenid: 'w', sentAt: null },
    { purpose: 'refill_reminder' as const, toOpenid: 'x', sentAt: day(1) },
  ]
  const orders = [
    { ownerOpenid: 'x', createdAt: day(8) }, // exactly 7 days on: counts
    { ownerOpenid: 'y', createdAt: new Date(day(8).getTime() + 1) }, // past 7 days
    { ownerOpenid: 'z', createdAt: day(1) }, // at the send, not after it
  ]
  expect(experimentFigures(TWO, sent, orders)).toEqual([
    {
      purpose: 'refill_reminder',
      variants: [
        { key: 'a', label: '原文案', sent: 2, opened: 1, followedByOrder: 1 },
        { key: 'b', label: '晚上发', sent: 1, opened: 1, followedByOrder: 0 },
      ],
    },
  ])
})
