// 我的 → 我的预约 (issue 18), described once and run on both platforms: the curtain's measuring
// visit booked through the cloud; from the order page's 上门服务 card, 预约设计师 opens 我的预约
// with the order and books a designer slot about it (a confirmation first); the list shows the
// visit and the appointment with its order; 取消预约 asks, then the appointment is gone.
import { addDays, chinaDateOf, weekdayOf, type ChinaDate } from '@/domain/china-date'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { JourneyContext } from './driver'
import { consumerA, merchant } from './shop'
import { bookedMeasuring } from './visits'

/** A weekday 25 days ahead or later: no other visit journey books 张师傅 then. */
function farWeekday(): ChinaDate {
  let day = addDays(chinaDateOf(new Date()), 25)
  while (![1, 2, 3, 4, 5].includes(weekdayOf(day))) day = addDays(day, 1)
  return day
}

export async function bookingsListAndCancel(ctx: JourneyContext): Promise<void> {
  const visit = await bookedMeasuring(ctx, farWeekday(), '14:00')
  // The soonest open slot, so it heads the picker whatever other slots exist.
  const designer = `旅程${Date.now().toString(36).slice(-6)}`
  const startsAt = new Date(Math.ceil((Date.now() + 2 * 3600_000) / 60_000) * 60_000).toISOString()
  const defined = await ctx.cloud.invoke(
    FUNCTIONS.appointment,
    { action: 'defineSlots', payload: { slots: [{ startsAt, minutes: 30, designer }] } },
    merchant,
  )
  expect(defined).toMatchObject({ ok: true })

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`shop/pages/order/index?id=${visit.orderId}`)
  await phone.tap('.order-visits__designer', '预约设计师')
  await phone.onPage('account/pages/bookings/index')
  await phone.see('.booking--visit .booking__title', '上门测量')
  await phone.tapAndAnswerModal('.bookings-designer .slot', true, designer)
  await phone.see('.appointment__done', designer)
  await phone.see('.booking--appointment .booking__title', designer)
  await phone.see('.booking--appointment .booking__order', '定制窗帘')
  const [slot] = (await ctx.cloud.store.find(COLLECTIONS.appointmentSlots, { designer })) as {
    orderId: string
  }[]
  expect(slot.orderId).toBe(visit.orderId)

  // From 我的: both bookings listed; the appointment (sooner) first. 取消预约 asks first.
  await phone.open('pages/mine/index')
  await phone.tap('.mine-entry--bookings', '我的预约')
  await phone.onPage('account/pages/bookings/index')
  await phone.see('.booking--visit .booking__title', '上门测量')
  expect((await phone.texts('.booking__title'))[0]).toContain(designer)
  await phone.tapAndAnswerModal('.booking__cancel', false, '取消预约')
  await phone.see('.booking--appointment .booking__title', designer)
  await phone.tapAndAnswerModal('.booking__cancel', true, '取消预约')
  await phone.seeToast('预约已取消')
  await phone.notSee('.booking--appointment')
  await phone.see('.booking--visit .booking__state', '已预约')
  expect(phone.errors()).toEqual([])
}
