// visit.dispatch for the owner's 派单 page (docs/visits.md): the cloud's day by default, every
// visit of that day that waits for a person or a slot or holds someone's time, each with the
// customer's name and the explained choice, and the staff's hours and load that day; its round
// trips are pinned.
import type { ChinaDate } from '@/domain/china-date'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { weekdayAhead } from '../helpers/visit-days'
import { callerFor, consumerA, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { curtainSelection, makeClient, rid } from './order-helpers'

const env = useDemoCloud()
const visit = callerFor(env, FUNCTIONS.visit)
afterEach(() => env.cloud.clock.set(null))

const at = (date: ChinaDate, time: string) => `${date}T${time}:00+08:00`

async function booked(day: ChinaDate, time: string): Promise<string> {
  const order = await makeClient(env).create(consumerA, {
    productId: 'prod_curtain',
    selection: curtainSelection(),
  })
  const answer = await visit(
    'book',
    { orderId: order._id, kind: 'measuring', start: at(day, time), requestId: rid('visit') },
    consumerA,
  )
  expect(answer).toMatchObject({ ok: true, data: { assigned: true } })
  return answer.data.visit.id
}

type Staff = { id: string; hours: string[]; visits: number }
type Item = {
  visit: { id: string; node: string; staffName: string | null; events: string[] }
  customer: string | null
  assignment: { choice: { name: string } | null; rejected: { explanation: string }[] }
}

test('the day’s waiting, missed and scheduled visits, with the customer and the choice', async () => {
  const day = weekdayAhead(9)
  const missed = await booked(day, '09:00')
  const scheduled = await booked(day, '14:00')
  const [stored] = await env.cloud.store.find(COLLECTIONS.visits, { _id: scheduled })
  await env.cloud.store.insertMany(COLLECTIONS.visits, [
    {
      ...stored,
      _id: `${scheduled}_w`,
      requestId: 'waiting',
      node: 'requested',
      staffId: null,
      staffName: null,
      window: { start: new Date(at(day, '16:00')), end: new Date(at(day, '18:00')) },
    },
  ])
  env.cloud.clock.set(new Date(at(day, '11:31')))
  expect(await env.cloud.fireTimer(FUNCTIONS.visit)).toMatchObject({ ok: true })

  const { result, roundTrips } = await env.cloud.invokeCounted(
    FUNCTIONS.visit,
    { action: 'dispatch', payload: {} },
    merchant,
  )
  // owner check (merchant), then the visits and the day's plan (3) in parallel, then the orders.
  expect(roundTrips).toBe(6)
  const answer = result as { ok: boolean; data: { date: string; items: Item[]; staff: Staff[] } }
  expect(answer.ok).toBe(true)
  expect(answer.data.date).toBe(day)
  const byId = new Map(answer.data.items.map((item) => [item.visit.id, item]))
  expect([...byId.keys()]).toEqual([missed, scheduled, `${scheduled}_w`])
  expect(byId.get(missed)).toMatchObject({
    customer: '林晓',
    visit: { node: 'missed', staffName: '张师傅', events: ['reschedule'] },
  })
  expect(byId.get(scheduled)).toMatchObject({
    visit: { node: 'scheduled', events: ['reassign', 'reschedule', 'cancel'] },
  })
  const waiting = byId.get(`${scheduled}_w`) as Item
  expect(waiting.visit.node).toBe('requested')
  expect(waiting.assignment.choice).not.toBeNull()
  expect(waiting.assignment.rejected.map((r) => r.explanation)).toContain(
    '青木（店主）：不负责徐汇区',
  )
  // The 师傅 list, by id: that day's hours (the owner measures on weekends only) and visits held.
  expect(answer.data.staff).toEqual([
    {
      id: 'staff_li',
      name: '李师傅',
      skills: ['measuring', 'installing'],
      districts: ['徐汇区', '浦东新区'],
      hours: ['10:00–20:00'],
      visits: 1,
    },
    {
      id: 'staff_owner',
      name: '青木（店主）',
      skills: ['measuring'],
      districts: ['静安区'],
      hours: [],
      visits: 0,
    },
    {
      id: 'staff_zhang',
      name: '张师傅',
      skills: ['measuring', 'installing', 'repairing'],
      districts: ['徐汇区', '闵行区', '长宁区'],
      hours: ['09:00–18:00'],
      visits: 0,
    },
  ])
})
