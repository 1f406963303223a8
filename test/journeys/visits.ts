// Home visits (issue 18), described once and run on both platforms: a curtain ordered with
// 上门测量安装 is booked and assigned to 张师傅 through the cloud; on the visit day 张师傅 opens
// 我的任务 from 我的, sets out, arrives and writes the measuring report in a basement: the send
// fails, the report stays on the phone, and it is sent once when the page shows again.
import { addDays, chinaDateOf, weekdayOf, type ChinaDate } from '@/domain/china-date'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderRecord } from '@/domain/order-types'
import type { VisitRecord } from '@/domain/visit-types'
import type { TestCloud } from '../helpers/local-cloud'
import type { JourneyContext } from './driver'
import { consumerA, orderCall, ORDER_ADDRESS } from './shop'

const STAFF = 'o_demo_staff'

/** The first weekday at least two days ahead: 张师傅 works weekdays. */
export function visitDay(): ChinaDate {
  let day = addDays(chinaDateOf(new Date()), 2)
  while ([0, 6].includes(weekdayOf(day))) day = addDays(day, 1)
  return day
}

type Booked = {
  ok: boolean
  data: { visit: { id: string; orderId: string; version: number; staffName: string } }
}

/** The demo curtain with 上门测量安装, placed by consumerA through the cloud. */
export async function placeCurtain(cloud: TestCloud, requestId: string): Promise<OrderRecord> {
  const { order } = await orderCall(
    cloud,
    ACTIONS.order.create,
    {
      requestId,
      productId: 'prod_curtain',
      selection: {
        options: { fabric: ['velvet'], heading: ['hooks'], installation: ['onsite'] },
        measurements: { width: 280, height: 260 },
        texts: {},
        quantity: 1,
        urgent: false,
      },
      address: ORDER_ADDRESS,
    },
    consumerA,
  )
  return order as OrderRecord
}

/** The demo curtain with 上门测量安装, and its measuring visit booked and assigned through the cloud. */
export async function bookedMeasuring(ctx: JourneyContext, day: ChinaDate, time = '09:00') {
  const requestId = `journey-visit-${day}-${time.replace(':', '')}-${Date.now().toString(36)}`
  const order = await placeCurtain(ctx.cloud, requestId)
  const start = `${day}T${time}:00+08:00`
  const booked = (await ctx.cloud.invoke(
    FUNCTIONS.visit,
    { action: 'book', payload: { orderId: order._id, kind: 'measuring', start, requestId } },
    consumerA,
  )) as Booked
  expect(booked).toMatchObject({ ok: true, data: { visit: { node: 'scheduled' } } })
  return booked.data.visit
}

export const storedVisit = async (ctx: JourneyContext, id: string) =>
  ((await ctx.cloud.store.find(COLLECTIONS.visits, { _id: id })) as VisitRecord[])[0]

export async function staffReportsFromTheBasement(ctx: JourneyContext): Promise<void> {
  const day = visitDay()
  const booked = await bookedMeasuring(ctx, day)
  expect(booked.staffName).toBe('张师傅')
  const visitId = booked.id
  ctx.cloud.clock.set(new Date(`${day}T08:30:00+08:00`))
  try {
    const phone = await ctx.driverFor(STAFF)
    await phone.open('pages/mine/index')
    await phone.tap('.merchant-entry--tasks', '我的任务')
    await phone.onPage('service/pages/tasks/index')
    await phone.see('.task-card__window', '09:00–11:00')
    await phone.see('.task-card__product', '全遮光定制窗帘')
    await phone.see('.task-card__contact', '13812345678')

    await phone.tap('.task-card__button--set_out', '出发')
    await phone.seeToast('已出发')
    await phone.see('.task-card__node', '师傅已出发')
    await phone.tap('.task-card__button--arrive', '到达')
    await phone.seeToast('已到达')
    await phone.see('.task-card__node', '师傅已到达')

    // The basement: the report is written, the send fails, the report stays on the phone.
    await phone.tap('.task-card__button--finish', '填写上门报告')
    await phone.fill('.report-form__input--width', '285')
    await phone.fill('.report-form__input--height', '262')
    await phone.fill('.report-form__note', '右侧有插座，轨道已避开')
    // (The lost call is logged, so the console is checked before it.)
    expect(phone.errors()).toEqual([])
    await phone.failNextCloudCall()
    await phone.tap('.report-form__submit', '提交上门报告')
    await phone.seeToast('报告已保存')
    await phone.see('.task-card__waiting', '有网络时自动提交')
    expect((await storedVisit(ctx, visitId)).node).toBe('arrived')

    // Back in signal: the page shows again and sends the kept report, once.
    await phone.back()
    await phone.tap('.merchant-entry--tasks', '我的任务')
    await phone.see('.task-card__node', '已完成')
    await phone.notSee('.task-card__waiting')
    const visit = await storedVisit(ctx, visitId)
    expect(visit).toMatchObject({
      node: 'done',
      report: { measurements: { width: 285, height: 262 }, note: '右侧有插座，轨道已避开' },
    })
    const finished = await ctx.cloud.store.find(COLLECTIONS.visitAudit, {
      visitId,
      event: 'finish',
    })
    expect(finished).toHaveLength(1)
  } finally {
    ctx.cloud.clock.set(null)
  }
}
