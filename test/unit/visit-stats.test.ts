// The dashboard's service figures (issue 18) over a hand-built week of visits: per China day and
// district, on-time arrivals, missed visits, and each staff member's load and rating.
import { serviceStats, type VisitStatsRow } from '@/domain/visit-stats'
import type { VisitEvent, VisitNode } from '@/domain/visit-types'

const china = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`)
const HOUR = 3600_000

function visit(
  date: string,
  from: string,
  node: VisitNode,
  {
    district = '浦东新区',
    staffId = 'staff_zhang',
    arrivedAt = null as string | null,
    rating = null as VisitStatsRow['rating'],
  } = {},
): VisitStatsRow {
  const start = china(date, from)
  const events: [VisitEvent, Date][] = arrivedAt ? [['arrive', china(date, arrivedAt)]] : []
  return {
    district,
    staffId: node === 'requested' ? null : staffId,
    node,
    window: { start, end: new Date(start.getTime() + 2 * HOUR) },
    timeline: events.map(([event, at]) => ({ node, event, at, actorRole: 'staff', note: '' })),
    rating,
  }
}

const names = new Map([
  ['staff_zhang', '张师傅'],
  ['staff_li', '李师傅'],
])

test('a hand-built week: days, districts, on time, missed, per staff', () => {
  const stats = serviceStats(
    [
      // 张师傅: 09:40 in 09:00–11:00 is on time, 13:05 after 11:00–13:00 is late.
      visit('2026-12-01', '09:00', 'done', {
        arrivedAt: '09:40',
        rating: { punctuality: 5, professionalism: 5, at: new Date() },
      }),
      visit('2026-12-01', '11:00', 'done', {
        arrivedAt: '13:05',
        rating: { punctuality: 2, professionalism: 4, at: new Date() },
      }),
      visit('2026-12-02', '14:00', 'missed'),
      // 李师傅 in 徐汇区: on the dot of the window's end is late; one still scheduled.
      visit('2026-12-02', '09:00', 'arrived', {
        district: '徐汇区',
        staffId: 'staff_li',
        arrivedAt: '11:00',
      }),
      visit('2026-12-03', '09:00', 'scheduled', { district: '徐汇区', staffId: 'staff_li' }),
      // Nobody assigned yet; and a cancelled one that counts nowhere.
      visit('2026-12-03', '15:00', 'requested', { district: '闵行区' }),
      visit('2026-12-03', '17:00', 'cancelled', { district: '闵行区' }),
    ],
    names,
  )
  expect(stats).toEqual({
    visits: 6,
    byDay: [
      { date: '2026-12-01', visits: 2 },
      { date: '2026-12-02', visits: 2 },
      { date: '2026-12-03', visits: 2 },
    ],
    byDistrict: [
      { district: '浦东新区', visits: 3 },
      { district: '徐汇区', visits: 2 },
      { district: '闵行区', visits: 1 },
    ],
    onTimeRate: 33.3,
    arrivals: 3,
    missed: 1,
    byStaff: [
      { staffId: 'staff_zhang', name: '张师傅', visits: 3, done: 2, rating: 4, ratings: 2 },
      { staffId: 'staff_li', name: '李师傅', visits: 2, done: 0, rating: null, ratings: 0 },
    ],
  })
})

test('a 07:00 visit counts on its China day, not the UTC one (still the day before)', () => {
  const stats = serviceStats([visit('2026-12-01', '07:00', 'scheduled')], names)
  expect(stats.byDay).toEqual([{ date: '2026-12-01', visits: 1 }])
})

test('no visits: zeros and no rates', () => {
  expect(serviceStats([], names)).toEqual({
    visits: 0,
    byDay: [],
    byDistrict: [],
    onTimeRate: null,
    arrivals: 0,
    missed: 0,
    byStaff: [],
  })
})

test('a staff member without a name shows the id', () => {
  const stats = serviceStats(
    [visit('2026-12-01', '09:00', 'scheduled', { staffId: 'staff_x' })],
    names,
  )
  expect(stats.byStaff[0].name).toBe('staff_x')
})
