// The owner's 派单 (issue 18), described once and run on both platforms. A measuring visit booked
// through the cloud for the demo curtain is missed: the clock passes its window by 30 minutes, the
// timer marks it, the owner sees 已错过 on 派单 and books it again for the next day (the state
// table's owner event for a missed visit is `reschedule`). And 改派: a visit of 张师傅's goes to
// 李师傅, and 张师傅's 我的任务 no longer lists it.
import { addDays, chinaDateOf, weekdayOf, type ChinaDate } from '@/domain/china-date'
import { FUNCTIONS } from '@/domain/names'
import type { JourneyContext } from './driver'
import { consumerA, merchant } from './shop'
import { bookedMeasuring, storedVisit } from './visits'

const ZHANG = 'o_demo_staff'
const DISPATCH = 'merchant/pages/visits/index'

/**
 * A Monday to Thursday at least `from` days ahead, so the next day is a working day too, and far
 * enough that the other visit journeys' days are not shared: 派单 shows one card.
 */
function quietDay(from: number): ChinaDate {
  let day = addDays(chinaDateOf(new Date()), from)
  while (![1, 2, 3, 4].includes(weekdayOf(day))) day = addDays(day, 1)
  return day
}
const at = (day: ChinaDate, time: string) => `${day}T${time}:00+08:00`

export async function ownerRebooksAMissedVisit(ctx: JourneyContext): Promise<void> {
  const day = quietDay(11)
  const visit = await bookedMeasuring(ctx, day, '09:00')
  expect(visit.staffName).toBe('张师傅') // only 张师傅 works at 09:00
  // Half an hour after the 09:00–11:00 window nobody has arrived: the timer marks it missed.
  ctx.cloud.clock.set(new Date(at(day, '11:31')))
  try {
    await ctx.cloud.fireTimer(FUNCTIONS.visit)
    expect(await storedVisit(ctx, visit.id)).toMatchObject({ node: 'missed' })
    // The customer sees it missed, and that the shop books it again (the table's owner event).
    const customer = await ctx.driverFor(consumerA)
    await customer.open(`account/pages/visit/index?orderId=${visit.orderId}`)
    await customer.see('.visit-card--missed .visit-card__node', '已错过')
    await customer.see('.visit-card__missed', '商家会联系您改约')
    await customer.notSee('.visit-book--measuring')

    const shop = await ctx.driverFor(merchant)
    await shop.open(DISPATCH)
    await shop.see('.visits__day', `${day}（今天）`)
    await shop.see('.dispatch-card__node', '已错过')
    await shop.see('.dispatch-card__missed-text', '可为顾客重新预约')
    // The form offers the next day at 10:00; 张师傅 is free then and keeps the visit.
    await shop.see('.rebook-form__date', addDays(day, 1))
    await shop.tapAndAnswerModal('.rebook-form__submit', true, '重新预约')
    await shop.seeToast('已重新预约，张师傅上门')
    await shop.notSee('.dispatch-card__node', '已错过')
    expect(await storedVisit(ctx, visit.id)).toMatchObject({
      node: 'scheduled',
      staffId: 'staff_zhang',
      window: { start: new Date(at(addDays(day, 1), '10:00')) },
    })
    await shop.tap('.visits__step--next', '后一天')
    await shop.see('.visits__day', addDays(day, 1))
    await shop.see('.dispatch-card__node', '已预约')
    await shop.see('.dispatch-card__staff', '张师傅')
    expect(shop.errors()).toEqual([])
  } finally {
    ctx.cloud.clock.set(null)
  }
}

/** The owner's assign through the cloud, as another phone would send it. */
async function assign(ctx: JourneyContext, visitId: string, staffId: string, version: number) {
  const answer = await ctx.cloud.invoke(
    FUNCTIONS.visit,
    { action: 'assign', payload: { visitId, staffId, expectedVersion: version } },
    merchant,
  )
  expect(answer).toMatchObject({ ok: true, data: { visit: { version: version + 1 } } })
}

export async function ownerReassignsToLi(ctx: JourneyContext): Promise<void> {
  const day = quietDay(18)
  const booked = await bookedMeasuring(ctx, day, '10:00')
  // Both are free at 10:00; the visit is put on 张师傅 first, as the owner would.
  await assign(ctx, booked.id, 'staff_zhang', booked.version)
  ctx.cloud.clock.set(new Date(at(day, '08:00')))
  try {
    const zhang = await ctx.driverFor(ZHANG)
    await zhang.open('service/pages/tasks/index')
    await zhang.see('.task-card__window', '10:00–12:00')

    const shop = await ctx.driverFor(merchant)
    await shop.open(DISPATCH)
    await shop.see('.dispatch-card__staff', '师傅：张师傅')
    // The visit changes behind the page (the owner on another phone): the tap is refused with
    // the server's message and the day reloads, so the second try applies.
    await assign(ctx, booked.id, 'staff_zhang', booked.version + 1)
    await shop.tap('.dispatch-card__button--pick', '改派')
    await shop.tapAndAnswerModal('.staff-choice__item', true, '李师傅')
    await shop.seeToast('预约已有变动，请刷新后重试')
    expect(await storedVisit(ctx, booked.id)).toMatchObject({ staffId: 'staff_zhang' })
    await shop.tap('.dispatch-card__button--pick', '改派')
    await shop.see('.staff-choice__item', '李师傅（推荐）')
    await shop.tapAndAnswerModal('.staff-choice__item', true, '李师傅')
    await shop.seeToast('已交给李师傅')
    await shop.see('.dispatch-card__staff', '师傅：李师傅')
    await shop.see('.staff-list__row', '李师傅10:00–20:00')
    expect(await storedVisit(ctx, booked.id)).toMatchObject({ staffId: 'staff_li' })
    expect(shop.errors()).toEqual([])

    await zhang.open('service/pages/tasks/index')
    await zhang.see('.state-empty__text', '这天没有上门任务')
    await zhang.notSee('.task-card__window', '10:00–12:00')
  } finally {
    ctx.cloud.clock.set(null)
  }
}
