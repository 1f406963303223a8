// Dashboard figures (src/domain/dashboard.ts) against hand-computed values.
import {
  leadTimeStats,
  p90,
  recentWeeks,
  shareOf,
  topOptions,
  weekStartOf,
  type LeadTimeRow,
} from '@/domain/dashboard'
import type { OrderRecord } from '@/domain/order-types'

const DAY = 24 * 60 * 60 * 1000

/** Placed at `placed` (UTC ISO), promised for `promised`, delivered `days` later. */
function row(placed: string, promised: string, days: number | null): LeadTimeRow {
  const createdAt = new Date(placed)
  const timeline = [
    {
      node: 'submitted',
      event: 'submit',
      at: createdAt,
      actorRole: 'consumer',
      note: '',
      photos: [],
    },
    ...(days === null
      ? []
      : [
          {
            node: 'delivered',
            event: 'deliver',
            at: new Date(createdAt.getTime() + days * DAY),
            actorRole: 'merchant',
            note: '',
            photos: [],
          },
        ]),
  ] as OrderRecord['timeline']
  return {
    createdAt,
    timeline,
    eta: '2099-01-01', // a later revision; the promise is the first entry
    etaHistory: [{ eta: promised, at: createdAt, event: 'submit', reason: '' }],
  }
}

describe('p90 (nearest rank)', () => {
  test.each([
    [[], null],
    [[5], 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 9],
    [[10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11], 10],
    [[3, 1, 2], 3],
  ])('%p -> %p', (values, expected) => {
    expect(p90(values)).toBe(expected)
  })
})

describe('leadTimeStats', () => {
  test('nothing delivered: samples 0, figures null', () => {
    expect(leadTimeStats([row('2026-11-01T02:00:00Z', '2026-11-10', null)])).toEqual({
      samples: 0,
      averageDays: null,
      p90Days: null,
      promisedAverageDays: null,
      onTimeRate: null,
    })
  })

  test('four deliveries computed by hand', () => {
    // Placed 2026-11-01 10:00 China. Lead days 5, 10, 12.5, 20 -> average 11.875 -> 11.9;
    // p90 of 4 = 4th value = 20. Promised 9, 9, 14, 14 days -> 11.5.
    // On time (delivery China day <= promised day): 11-06 yes, 11-11 no, 11-13 yes, 11-21 no.
    const placed = '2026-11-01T02:00:00Z'
    const stats = leadTimeStats([
      row(placed, '2026-11-10', 5), // delivered 11-06: on time
      row(placed, '2026-11-10', 10), // delivered 11-11: late
      row(placed, '2026-11-15', 12.5), // delivered 11-13 22:00 China: on time
      row(placed, '2026-11-15', 20), // delivered 11-21: late
    ])
    expect(stats).toEqual({
      samples: 4,
      averageDays: 11.9,
      p90Days: 20,
      promisedAverageDays: 11.5,
      onTimeRate: 0.5,
    })
  })

  test('a reworked order counts to its first delivery; the rework has its own figure', () => {
    const first = row('2026-11-01T02:00:00Z', '2026-11-10', 5)
    const redelivered = {
      ...first,
      timeline: [
        ...first.timeline,
        { ...first.timeline[1], node: 'rework' as const, at: new Date('2026-11-08T02:00:00Z') },
        { ...first.timeline[1], node: 'delivered' as const, at: new Date('2026-11-12T02:00:00Z') },
      ],
    }
    expect(leadTimeStats([redelivered])).toMatchObject({ averageDays: 5, onTimeRate: 1 })
  })

  test('delivery on the promised China day is on time, even late that evening', () => {
    // Placed 10:00 China on 11-01, delivered 23:30 China on 11-05 (UTC: 15:30 on 11-05).
    const r = row('2026-11-01T02:00:00Z', '2026-11-05', (4 * 24 + 13.5) / 24)
    expect(leadTimeStats([r]).onTimeRate).toBe(1)
  })
})

describe('topOptions', () => {
  const order = (choices: [string, string][], quantity = 1) =>
    ({
      productSnapshot: {
        choices: choices.map(([groupLabel, choiceLabel]) => ({ groupLabel, choiceLabel })),
      },
      selection: { quantity },
    }) as unknown as OrderRecord

  test('counts units per group：choice, most first, ties by label, top n', () => {
    const orders = [
      order([
        ['面料', '埃及棉'],
        ['领型', '温莎领'],
      ]),
      order([['面料', '埃及棉']], 2),
      order([
        ['面料', '亚麻'],
        ['领型', '温莎领'],
      ]),
      order([['颜色', '燕麦']]),
    ]
    expect(topOptions(orders, 2)).toEqual([
      { label: '面料：埃及棉', count: 3 },
      { label: '领型：温莎领', count: 2 },
    ])
    expect(topOptions(orders)).toHaveLength(4)
  })

  test('ties break by label', () => {
    const orders = [order([['g', 'b']]), order([['g', 'a']]), order([['g', 'c']], 2)]
    expect(topOptions(orders).map((o) => o.label)).toEqual(['g：c', 'g：a', 'g：b'])
  })
})

describe('weeks', () => {
  test.each([
    ['2026-11-22', '2026-11-16'], // Sunday -> Monday before
    ['2026-11-16', '2026-11-16'], // Monday
    ['2026-11-18', '2026-11-16'],
    ['2026-01-01', '2025-12-29'],
  ])('week of %s starts %s', (date, monday) => {
    expect(weekStartOf(date)).toBe(monday)
  })

  test('recent weeks: oldest first, bounded by China midnight', () => {
    // 2026-11-22 01:00 China = 2026-11-21 17:00 UTC, a Sunday.
    const weeks = recentWeeks(new Date('2026-11-21T17:00:00Z'), 3)
    expect(weeks.map((w) => w.week)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16'])
    expect(weeks[2].start.toISOString()).toBe('2026-11-15T16:00:00.000Z')
    expect(weeks[2].end.toISOString()).toBe('2026-11-22T16:00:00.000Z')
  })
})

test('shareOf', () => {
  expect(shareOf(1, 3)).toBe(0.333)
  expect(shareOf(0, 0)).toBeNull()
  expect(shareOf(2, 2)).toBe(1)
})
