// merchant.dashboard's 上门服务 figures against a hand-built week of visits (inserted directly):
// visits per day and per district, on-time arrivals, missed, each staff member's visits and
// rating. Cancelled visits, visits older than 30 days and future ones are not counted.
import { merchantApi } from '@/domain/api/merchant'
import { COLLECTIONS } from '@/domain/names'
import type { VisitNode, VisitRecord } from '@/domain/visit-types'
import { consumerA, invoke, merchant, useDemoCloud } from '../helpers/demo-cloud'

const env = useDemoCloud()
afterAll(() => env.cloud?.clock.set(null))

/** China time on a November 2026 day. */
const nov = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 10, day, hour - 8, minute))
/** Dashboard time: Saturday 2026-11-14 10:00 China. */
const NOW = nov(14, 10)
const HOUR = 60 * 60 * 1000
const STAFF = { zhang: '张师傅', li: '李师傅' } as const

interface Made {
  start: Date
  district: string
  staff: keyof typeof STAFF | null
  node: VisitNode
  arrivedAt?: Date
  rating?: [number, number]
}

let count = 0
const visit = ({ start, district, staff, node, arrivedAt, rating }: Made): VisitRecord => ({
  _id: `vis_dash_${(count += 1)}`,
  kind: 'measuring',
  orderId: 'ord_none',
  afterSalesId: null,
  ownerOpenid: consumerA,
  district,
  address: `上海市 ${district} 某路 1 号`,
  window: { start, end: new Date(start.getTime() + 2 * HOUR) },
  staffId: staff && `staff_${staff}`,
  staffName: staff && STAFF[staff],
  node,
  version: 3,
  timeline: arrivedAt
    ? [{ node: 'arrived', event: 'arrive', at: arrivedAt, actorRole: 'staff', note: '' }]
    : [],
  rating: rating ? { punctuality: rating[0], professionalism: rating[1], at: NOW } : null,
  createdAt: nov(1, 10),
  updatedAt: nov(1, 10),
})

test('上门服务: per day, per district, on time, missed and per staff member', async () => {
  await env.cloud.store.insertMany(COLLECTIONS.visits, [
    visit({
      start: nov(9, 9),
      district: '徐汇区',
      staff: 'zhang',
      node: 'done',
      arrivedAt: nov(9, 9, 40),
      rating: [5, 4],
    }),
    // Arrived 20 minutes after the window: not on time.
    visit({
      start: nov(10, 14),
      district: '徐汇区',
      staff: 'li',
      node: 'done',
      arrivedAt: nov(10, 16, 20),
      rating: [3, 3],
    }),
    visit({
      start: nov(10, 10),
      district: '浦东新区',
      staff: 'zhang',
      node: 'done',
      arrivedAt: nov(10, 10, 5),
    }),
    visit({
      start: nov(11, 9),
      district: '浦东新区',
      staff: 'zhang',
      node: 'done',
      arrivedAt: nov(11, 9, 10),
      rating: [4, 4],
    }),
    visit({ start: nov(12, 9), district: '徐汇区', staff: 'li', node: 'missed' }),
    visit({ start: nov(13, 10), district: '徐汇区', staff: null, node: 'requested' }),
    // Not counted: cancelled, older than 30 days, not started yet.
    visit({ start: nov(13, 15), district: '浦东新区', staff: 'zhang', node: 'cancelled' }),
    visit({
      start: new Date(Date.UTC(2026, 9, 1, 2)),
      district: '静安区',
      staff: 'li',
      node: 'done',
      arrivedAt: new Date(Date.UTC(2026, 9, 1, 2)),
    }),
    visit({ start: nov(20, 9), district: '静安区', staff: 'li', node: 'scheduled' }),
  ])
  env.cloud.clock.set(NOW)
  const result = await invoke(env, merchantApi.dashboard, {}, merchant)
  if (!result.ok) throw new Error(JSON.stringify(result))
  expect(result.data.service).toEqual({
    visits: 6,
    byDay: [
      { date: '2026-11-09', visits: 1 },
      { date: '2026-11-10', visits: 2 },
      { date: '2026-11-11', visits: 1 },
      { date: '2026-11-12', visits: 1 },
      { date: '2026-11-13', visits: 1 },
    ],
    byDistrict: [
      { district: '徐汇区', visits: 4 },
      { district: '浦东新区', visits: 2 },
    ],
    onTimeRate: 75,
    arrivals: 4,
    missed: 1,
    byStaff: [
      { staffId: 'staff_zhang', name: '张师傅', visits: 3, done: 3, rating: 4.3, ratings: 2 },
      { staffId: 'staff_li', name: '李师傅', visits: 2, done: 1, rating: 3, ratings: 1 },
    ],
    windowDays: 30,
    capped: false,
  })
})
