// The curtain's home visits as its customer lives them (issue 18), on both platforms: ordered with
// 上门测量安装 and paid; the measuring visit booked on 上门服务 from the order page and given to
// 张师傅; his report with sizes and a photo; the sizes confirmed as the order's; the installation
// booked, done and rated once. And a reschedule: the old slot is free again and the 预约提醒
// follows the new time.
import { addDays, chinaDateOf, daysBetween, weekdayOf, type ChinaDate } from '@/domain/china-date'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { visitReminderKeyOf } from '@/domain/visit-reminder'
import type { VisitRecord } from '@/domain/visit-types'
import type { Driver, JourneyContext } from './driver'
import {
  ADDRESS_TYPED,
  consumerA,
  consumerB,
  orderCall,
  ORDER_ADDRESS,
  payThroughTheCloud,
  storedOrder,
  toConfirmWithAddress,
} from './shop'

const STAFF = 'o_demo_staff'
const WINDOW = '09:00–11:00'
const at = (day: ChinaDate, time: string) => new Date(`${day}T${time}:00+08:00`)

/**
 * Weekdays (张师傅 works weekdays) after the one the basement journey (visits.ts) books, one
 * pair per journey, so no two journeys want 张师傅's 09:00 on the same day.
 */
function weekdays(): ChinaDate[] {
  const days: ChinaDate[] = []
  let day = addDays(chinaDateOf(new Date()), 2)
  while (days.length < 5) {
    if (![0, 6].includes(weekdayOf(day))) days.push(day)
    day = addDays(day, 1)
  }
  return days.slice(1)
}

/** On an open window picker: the week holding `day`, the day, then the 09:00 window. */
async function chooseWindow(phone: Driver, day: ChinaDate) {
  const tomorrow = addDays(chinaDateOf(new Date()), 1)
  for (let week = 0; week < Math.floor(daysBetween(tomorrow, day) / 7); week += 1)
    await phone.tap('.window-picker__page', '下一周')
  await phone.tap(`.visit-day--${day}`)
  await phone.tap('.visit-window', WINDOW)
  await phone.see('.visit-book__chosen', `${day.slice(5)} ${WINDOW}`)
}

const visitsOf = async (ctx: JourneyContext, orderId: string) =>
  (await ctx.cloud.store.find(COLLECTIONS.visits, { orderId })) as VisitRecord[]

/** 张师傅 on his visit's day: 出发, 到达, then the report (the sizes typed, if asked, and a photo). */
async function staffVisits(ctx: JourneyContext, day: ChinaDate, sizes: Record<string, string>) {
  ctx.cloud.clock.set(at(day, '08:30'))
  const staff = await ctx.driverFor(STAFF)
  await staff.open('service/pages/tasks/index')
  await staff.see('.task-card__window', WINDOW)
  await staff.tap('.task-card__button--set_out', '出发')
  await staff.see('.task-card__node', '师傅已出发')
  await staff.tap('.task-card__button--arrive', '到达')
  await staff.see('.task-card__node', '师傅已到达')
  await staff.tap('.task-card__button--finish', '填写上门报告')
  for (const [id, value] of Object.entries(sizes))
    await staff.fill(`.report-form__input--${id}`, value)
  await staff.tapAndPickPhoto('.photo-picker__add')
  await staff.see('.photo-picker__photo')
  await staff.tap('.report-form__submit', '提交上门报告')
  await staff.seeToast('上门报告已提交')
  await staff.see('.task-card__node', '已完成')
  expect(staff.errors()).toEqual([])
}

export async function curtainMeasuredAndInstalled(ctx: JourneyContext): Promise<void> {
  const [measuringDay, installingDay] = weekdays()
  try {
    // Ordered on screen with 上门测量安装, and paid.
    const phone = await ctx.driverFor(consumerA)
    await phone.open('pages/product/index?id=prod_curtain')
    await phone.tap('.option-chip', '上门测量安装')
    await phone.fill('.measurement', '280', '宽度')
    await phone.fill('.measurement', '260', '高度')
    await phone.see('.quote__total-amount', '¥379') // ¥259 and ¥120 for 上门测量安装
    await toConfirmWithAddress(phone)
    phone.answerNextPayment('paid')
    await phone.tapAndAnswerSheet('.submit-order', 'accept')
    await expect(phone.paymentAnswered()).resolves.toBe(true)
    const { id: orderId } = await phone.onPage('shop/pages/order/index')

    // 上门服务 on the order page: neither visit booked yet.
    await phone.see('.order-visits__row--measuring', '预约上门')
    await phone.see('.order-visits__row--installing', '预约上门')
    await phone.tap('.order-visits__row--measuring')
    await phone.onPage('account/pages/visit/index')
    await chooseWindow(phone, measuringDay)
    await expect(phone.tapAndAnswerSheet('.visit-book__submit', 'accept')).resolves.toBe(1)
    await phone.seeToast('预约成功')
    await phone.see('.visit-card__node', '已预约')
    await phone.see('.visit-card__staff', '上门师傅：张师傅')
    await phone.see('.visit-card__address', ADDRESS_TYPED['详细地址'])
    await phone.see('.visit-card__button--reschedule', '改约')
    expect(phone.errors()).toEqual([])
    const [booked, ...others] = await visitsOf(ctx, orderId)
    expect(others).toEqual([])
    expect(booked).toMatchObject({ kind: 'measuring', node: 'scheduled', staffId: 'staff_zhang' })
    expect(booked.window.start).toEqual(at(measuringDay, '09:00'))

    await staffVisits(ctx, measuringDay, { width: '285', height: '262' })

    // The report on the customer's page; 确认尺寸 makes the sizes the order's.
    const customer = await ctx.driverFor(consumerA)
    await customer.open(`shop/pages/order/index?id=${orderId}`)
    await customer.see('.order-visits__row--measuring', '已完成')
    await customer.tap('.order-visits__row--measuring')
    await customer.onPage('account/pages/visit/index')
    await customer.see('.visit-report__size--width', '285 cm')
    await customer.see('.visit-report__size--height', '262 cm')
    await customer.see('.photo-strip__photo')
    await customer.tap('.visit-confirm__submit', '确认尺寸')
    await customer.seeToast('尺寸已确认')
    await customer.see('.visit-report__confirmed', '订单按这些尺寸制作')
    expect((await storedOrder(ctx.cloud, orderId)).selection.measurements).toEqual({
      width: 285,
      height: 262,
    })

    // The installation, booked on the same page for the next weekday.
    await customer.tap('.visit-book__open', '预约上门安装')
    await chooseWindow(customer, installingDay)
    await customer.tapAndAnswerSheet('.visit-book__submit', 'accept')
    await customer.seeToast('预约成功')
    await expect(customer.count('.visit-card')).resolves.toBe(2)
    await customer.back()
    await customer.onPage('shop/pages/order/index')
    await customer.see('.order-row', '285 cm')
    await customer.see('.order-visits__row--installing', '张师傅')
    expect(customer.errors()).toEqual([])

    await staffVisits(ctx, installingDay, {})

    // Rated once: 准时 5, 专业 4.
    const rater = await ctx.driverFor(consumerA)
    await rater.open(`account/pages/visit/index?orderId=${orderId}`)
    await rater.tap('.visit-star--installing-punctuality-5')
    await rater.tap('.visit-star--installing-professionalism-4')
    await rater.tap('.visit-rate__submit--installing', '提交评价')
    await rater.seeToast('感谢你的评价')
    await rater.see('.visit-card__rating', '准时 5 星 · 专业 4 星')
    expect(rater.errors()).toEqual([])

    const visits = await visitsOf(ctx, orderId)
    expect(visits).toHaveLength(2)
    expect(new Set(visits.map((v) => v.requestId)).size).toBe(2)
    const installing = visits.find((v) => v.kind === 'installing')
    expect(installing).toMatchObject({
      node: 'done',
      rating: { punctuality: 5, professionalism: 4 },
    })
    expect(visits.find((v) => v.kind === 'measuring')?.rating ?? null).toBeNull()
    const again = await ctx.cloud.invoke(
      FUNCTIONS.visit,
      { action: 'rate', payload: { visitId: installing!._id, punctuality: 1, professionalism: 1 } },
      consumerA,
    )
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_RATED' })
  } finally {
    ctx.cloud.clock.set(null)
  }
}

async function paidCurtain(ctx: JourneyContext, openid: string): Promise<string> {
  const { order } = await orderCall(
    ctx.cloud,
    ACTIONS.order.create,
    {
      requestId: `journey-resched-${openid}-${Date.now().toString(36)}`,
      productId: 'prod_curtain',
      selection: {
        options: { fabric: ['polyester'], heading: ['hooks'], installation: ['onsite'] },
        measurements: { width: 200, height: 250 },
        texts: {},
        quantity: 1,
        urgent: false,
      },
      address: ORDER_ADDRESS,
    },
    openid,
  )
  await payThroughTheCloud(ctx.cloud, order._id, openid)
  return order._id as string
}

const reminderKeys = async (ctx: JourneyContext, visitId: string) =>
  (
    (await ctx.cloud.store.find(COLLECTIONS.notificationQueue, {
      purpose: 'appointment_reminder',
    })) as { key: string }[]
  )
    .map((row) => row.key)
    .filter((key) => key.startsWith(`visit:${visitId}:`))

export async function rescheduleAVisit(ctx: JourneyContext): Promise<void> {
  const [, , firstDay, laterDay] = weekdays()
  try {
    const orderId = await paidCurtain(ctx, consumerA)
    // Placed now, not once the clock has moved on: an order dated in the future would head the
    // customer's and the merchant's lists in the journeys that follow.
    const other = await paidCurtain(ctx, consumerB)
    const phone = await ctx.driverFor(consumerA)
    await phone.open(`account/pages/visit/index?orderId=${orderId}&kind=measuring`)
    await chooseWindow(phone, firstDay)
    // A booking the network loses keeps the window chosen; the retry books once.
    // (The lost call is logged, so the console is checked before it.)
    expect(phone.errors()).toEqual([])
    await phone.failNextCloudCall()
    await phone.tapAndAnswerSheet('.visit-book__submit', 'accept')
    await phone.see('.visit-book__error', '网络')
    await phone.see('.visit-book__chosen', `${firstDay.slice(5)} ${WINDOW}`)
    await phone.tap('.visit-book__submit', '确认预约')
    await phone.see('.visit-card__staff', '张师傅')
    await expect(visitsOf(ctx, orderId)).resolves.toHaveLength(1)
    const [visit] = await visitsOf(ctx, orderId)
    const firstKey = visitReminderKeyOf(visit)

    // Just after midnight the day before: the reminder is queued for the first window.
    ctx.cloud.clock.set(at(addDays(firstDay, -1), '00:30'))
    await ctx.cloud.fireTimer(FUNCTIONS.visit)
    expect(await reminderKeys(ctx, visit._id)).toEqual([firstKey])

    // 改约 to the later day, still more than the shop's notice ahead.
    await phone.tap('.visit-card__button--reschedule', '改约')
    await chooseWindow(phone, laterDay)
    await phone.tap('.visit-reschedule__submit', '确认改约')
    await phone.seeToast('已改约')
    await phone.see('.visit-card__window', `${laterDay.slice(5)} ${WINDOW}`)
    await phone.see('.visit-card__event', '改约时间')
    const [moved] = await visitsOf(ctx, orderId)
    expect(moved.window.start).toEqual(at(laterDay, '09:00'))
    const claims = (await ctx.cloud.store.find(COLLECTIONS.slotClaims, {
      visitId: visit._id,
    })) as { start: Date }[]
    expect(claims.length).toBeGreaterThan(0)
    for (const claim of claims) expect(chinaDateOf(claim.start)).toBe(laterDay)

    // The first window is free again: another customer's booking takes 张师傅 there.
    const taken = await ctx.cloud.invoke(
      FUNCTIONS.visit,
      {
        action: 'book',
        payload: {
          orderId: other,
          kind: 'measuring',
          start: at(firstDay, '09:00').toISOString(),
          requestId: `journey-resched-b-${Date.now().toString(36)}`,
        },
      },
      consumerB,
    )
    expect(taken).toMatchObject({
      ok: true,
      data: { assigned: true, visit: { staffName: '张师傅' } },
    })

    // The day before the new window, its own reminder: the key names the new time.
    ctx.cloud.clock.set(at(addDays(laterDay, -1), '00:30'))
    await ctx.cloud.fireTimer(FUNCTIONS.visit)
    const laterKey = visitReminderKeyOf(moved)
    expect(laterKey).not.toBe(firstKey)
    expect(await reminderKeys(ctx, visit._id)).toContain(laterKey)

    // Back to today: the customer cancels; the page shows the cancelled visit and books anew.
    ctx.cloud.clock.set(null)
    await phone.open(`account/pages/visit/index?orderId=${orderId}`)
    await phone.tapAndAnswerModal('.visit-card__button--cancel', true, '取消预约')
    await phone.seeToast('预约已取消')
    await phone.see('.visit-card--cancelled .visit-card__node', '已取消')
    await phone.see('.visit-card--cancelled .visit-card__event', '取消预约')
    await phone.see('.visit-book--measuring .visit-book__title', '上门测量')
  } finally {
    ctx.cloud.clock.set(null)
  }
}
