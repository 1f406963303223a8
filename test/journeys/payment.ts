// Payment journeys (issue 16), described once and run on both platforms: the sheet closed, then
// paid later from the order page; an unpaid order the timer cancels once its time is up; a paid
// order cancelled by the customer and refunded. The sheet is the simulated 「模拟支付（本地环境）」
// on H5 and WeChat's (the wx stand-in) on weapp; both tell the local cloud's payment stand-in.
// And a coupon from an exception remedy spent at confirm on the next order.
import { formatFen } from '@/domain/money'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { waitForValue } from '../helpers/wait'
import type { JourneyContext } from './driver'
import {
  consumerA,
  consumerB,
  customiseShirt,
  merchant,
  merchantActs,
  paidOrder,
  placeShirt,
  storedOrder,
  toConfirmWithAddress,
} from './shop'

/** Closing the sheet leaves the order 待付款 with its countdown; 去支付 later pays it. */
export async function payLaterFromTheOrderPage(ctx: JourneyContext): Promise<void> {
  const phone = await ctx.driverFor(consumerA)
  await customiseShirt(phone, '¥399')
  await toConfirmWithAddress(phone)
  phone.answerNextPayment('cancelled')
  await phone.tapAndAnswerSheet('.submit-order', 'reject')
  await expect(phone.paymentAnswered()).resolves.toBe(true)
  // The order page says it once on screen (a toast shown before the navigation was cut short).
  const { id } = await phone.onPage('shop/pages/order/index')
  await phone.seeToast('已取消支付')
  await phone.see('.payment-panel__title', '待付款')
  await phone.see('.payment-panel', '逾期未付订单将自动取消')
  const [countdown] = await phone.texts('.payment-panel__countdown')
  expect(countdown).toMatch(/^剩余 (29|30):\d\d$/)
  await phone.see('.order-row', '应付')
  await phone.notSee('.order-row--coupon')
  const unpaid = await storedOrder(ctx.cloud, id)
  expect(unpaid.payment).toMatchObject({ state: 'unpaid', amountFen: 39900 })

  // 我的订单: the card says it is waiting for payment.
  await phone.open('pages/orders/index')
  await phone.see('.order-card', unpaid.orderNo)
  const card = (await phone.texts('.order-card')).find((text) => text.includes(unpaid.orderNo))
  expect(card).toContain('待付款')

  await phone.open(`pages/order/index?id=${id}`)
  phone.answerNextPayment('paid')
  // 去支付 asks for the receipt and the first nodes first; the payment sheet follows.
  await phone.tapAndAnswerSheet('.payment-panel__pay', 'accept', '去支付')
  await expect(phone.paymentAnswered()).resolves.toBe(true)
  // 支付确认中… until WeChat's callback lands; a paid order needs no panel.
  await phone.notSee('.payment-panel')
  await phone.see('.order-row', '实付')
  const paid = await paidOrder(ctx.cloud, id)
  expect(paid.payment).toMatchObject({ state: 'paid', amountFen: 39900 })
  // 支付成功 is queued once, with the amount paid; the tap's credit means it is never held for
  // want of one (this customer may have reached the day's cap in earlier journeys). Between
  // 22:00 and 08:00 China time (the journeys run on the real clock) it waits for the morning.
  const deferred = (row: { status: string; nextAttemptAt?: string | Date }) =>
    row.status === 'pending' &&
    new Date(row.nextAttemptAt ?? 0).getTime() > Date.now() + 10 * 60_000
  const [receipt, ...more] = await waitForValue(
    () =>
      ctx.cloud.store.find(COLLECTIONS.notificationQueue, {
        orderId: id,
        purpose: 'payment_succeeded',
      }),
    (rows) => rows.some((row) => row.status === 'sent' || row.status === 'held' || deferred(row)),
    '支付成功通知',
  )
  expect(more).toEqual([])
  expect(receipt.values).toMatchObject({ orderNo: paid.orderNo, amountFen: 39900 })
  expect(receipt.status === 'sent' || receipt.holdReason === 'daily_cap' || deferred(receipt)).toBe(
    true,
  )
  expect(phone.errors()).toEqual([])

  const shop = await ctx.driverFor(merchant)
  await shop.open(`merchant/pages/order/index?id=${id}`)
  await shop.see('.payment-panel__title', '已付款')
  await shop.see('.m-order-action--confirm')
  expect(shop.errors()).toEqual([])
}

/** Unpaid past its time: the timer cancels the order and closes the payment; nothing to refund. */
export async function unpaidOrderCancelsItself(ctx: JourneyContext): Promise<void> {
  const { id, orderNo } = await placeShirt(ctx.cloud, consumerA, 'expire', { paid: false })
  // The merchant sees it waiting for payment and cannot confirm it yet.
  const shop = await ctx.driverFor(merchant)
  await shop.open('merchant/pages/board/index')
  await shop.see('.board-order', orderNo)
  const row = (await shop.texts('.board-order')).find((text) => text.includes(orderNo))
  expect(row).toContain('待付款')
  await shop.open(`merchant/pages/order/index?id=${id}`)
  await shop.see('.payment-panel', '付款后才能确认订单')
  await expect(shop.count('.m-order-action--confirm')).resolves.toBe(0)

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.see('.payment-panel__title', '待付款')
  await phone.see('.payment-panel__pay', '去支付')

  // The order's timer runs once the time to pay is up.
  const { payment } = await storedOrder(ctx.cloud, id)
  ctx.cloud.clock.set(new Date(new Date(payment.dueBy).getTime() + 60_000))
  try {
    await ctx.cloud.fireTimer(FUNCTIONS.order)
  } finally {
    ctx.cloud.clock.set(null)
  }
  const expired = await waitForValue(
    () => storedOrder(ctx.cloud, id),
    (order) => order.node === 'cancelled',
    '逾期未付的订单自动取消',
  )
  expect(expired.payment.state).toBe('closed')

  await phone.open(`pages/order/index?id=${id}`)
  await phone.see('.order-hero__node', '已取消')
  await phone.see('.payment-panel', '订单未付款，已关闭，无需退款')
  await expect(phone.count('.payment-panel__pay')).resolves.toBe(0)
  await expect(phone.count('.order-action--cancel')).resolves.toBe(0)
  expect(phone.errors()).toEqual([])
}

/**
 * A paid order cancelled by the customer: 退款中 at once, 已退款 on the same page (no reload) once
 * WeChat has refunded.
 */
export async function cancelAfterPaymentRefunds(ctx: JourneyContext): Promise<void> {
  const { id } = await placeShirt(ctx.cloud, consumerA, 'refund')
  const amount = formatFen((await storedOrder(ctx.cloud, id)).payment.amountFen)
  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.see('.order-hero__node', '已提交')
  await expect(phone.count('.payment-panel')).resolves.toBe(0)

  // WeChat answers the first refund call with SYSTEMERROR (try again): the order waits in 退款中
  // until the order's timer resends it.
  ctx.cloud.pay.script({ refund: 'fail_then_succeed' })
  await phone.tap('.order-action--cancel')
  await phone.fill('.order-cancel__reason', '尺寸填错了')
  await phone.tapAndAnswerModal('.order-cancel__button--confirm', true)
  await phone.see('.order-hero__node', '已取消')
  await phone.see('.payment-panel__title', '退款中')
  await phone.see('.payment-panel', `${amount} 将原路退回你的微信支付`)
  expect((await storedOrder(ctx.cloud, id)).payment.refunds?.[0]).toMatchObject({
    state: 'pending',
    amountFen: 39900,
  })

  await ctx.cloud.fireTimer(FUNCTIONS.order)
  await ctx.cloud.pay.drain()
  await waitForValue(
    () => storedOrder(ctx.cloud, id),
    (order) => order.payment.state === 'refunded',
    '退款完成',
  )
  // The page left open re-reads the order while it shows 退款中: 已退款 arrives without a reload.
  await phone.see('.payment-panel__title', '已退款')
  await phone.see('.payment-panel', `${amount} 已原路退回你的微信支付`)
  expect(phone.errors()).toEqual([])

  const shop = await ctx.driverFor(merchant)
  await shop.open(`merchant/pages/order/index?id=${id}`)
  await shop.see('.payment-panel__title', '已退款')
  expect(shop.errors()).toEqual([])
}

/**
 * A coupon from an exception remedy, spent on the next order: the customer takes 领取补偿券, finds
 * it under 我的 → 优惠券, chooses it at confirm (the quote shows the discount and what is left to
 * pay), pays that amount, both order pages show 优惠券抵扣 and 实付, and the coupon then reads 已使用.
 */
export async function couponFromARemedySpentOnTheNextOrder(ctx: JourneyContext): Promise<void> {
  const { id: delayed } = await placeShirt(ctx.cloud, consumerB, 'coupon-remedy')
  await merchantActs(ctx.cloud, delayed, 'confirm')
  await merchantActs(ctx.cloud, delayed, 'flag_exception', {
    kind: 'delayed',
    note: '面料延迟到货',
    offered: [{ type: 'coupon', amountFen: 1700 }, { type: 'cancel' }],
  })
  const phone = await ctx.driverFor(consumerB)
  await phone.open(`pages/order/index?id=${delayed}`)
  await phone.tap('.remedy-option', '领取补偿券')
  await phone.tapAndAnswerModal('.remedy-submit', true)
  await phone.see('.order-exception__chosen', '领取补偿券')
  await merchantActs(ctx.cloud, delayed, 'resolve_exception')

  // 我的 → 优惠券: the coupon with its amount, threshold, expiry and origin.
  await phone.open('pages/mine/index')
  await phone.tap('.mine-entry--coupons')
  await phone.onPage('account/pages/coupons/index')
  await phone.see('.coupon-card', '¥17')
  const [card] = (await phone.texts('.coupon-card')).filter((text) => text.includes('¥17'))
  expect(card).toMatch(/无门槛[\s\S]*订单延期补偿[\s\S]*有效期至 \d{4}-\d{2}-\d{2}[\s\S]*可用/)

  // The next order: choose the coupon at confirm, the price drops by ¥17.
  await phone.open('pages/index/index')
  await customiseShirt(phone, '¥399')
  await toConfirmWithAddress(phone)
  await phone.see('.coupon-row__value', '张可用')
  await phone.see('.bottom-bar__amount', '¥399')
  await phone.tap('.coupon-row')
  await phone.tap('.coupon-choice', '¥17')
  await phone.see('.coupon-row__value', '−¥17')
  await phone.see('.coupon-picker__pay-amount', '¥382')
  await phone.see('.bottom-bar__amount', '¥382')
  expect(phone.errors()).toEqual([])
  // A submit the network loses keeps the coupon chosen; the retry places the order with it.
  // (The lost call is logged, so the console is checked before it.)
  await phone.failNextCloudCall()
  await phone.tapAndAnswerSheet('.submit-order', 'reject')
  await phone.see('.confirm__error', '网络')
  await phone.see('.coupon-row__value', '−¥17')
  await phone.see('.bottom-bar__amount', '¥382')
  phone.answerNextPayment('paid')
  await phone.tapAndAnswerSheet('.submit-order', 'reject')
  await expect(phone.paymentAnswered()).resolves.toBe(true)
  const { id } = await phone.onPage('shop/pages/order/index')
  const paid = await paidOrder(ctx.cloud, id)
  expect(paid).toMatchObject({
    quote: { priceFen: 39900 },
    coupon: { discountFen: 1700 },
    payment: { state: 'paid', amountFen: 38200 },
  })
  // The order page shows the discount and what was paid after it.
  await phone.see('.order-row--coupon', '优惠券抵扣')
  await phone.see('.order-row--coupon', '−¥17')
  await phone.see('.order-row--total', '实付')
  await phone.see('.order-row--total', '¥382')

  await phone.open('account/pages/coupons/index')
  await phone.see('.coupon-card--off', '已使用')
  const [used] = (await phone.texts('.coupon-card')).filter((text) => text.includes('¥17'))
  expect(used).toContain('已使用')

  // The merchant's order page too (last: on weapp the one phone becomes the merchant's).
  const shop = await ctx.driverFor(merchant)
  await shop.open(`merchant/pages/order/index?id=${id}`)
  await shop.see('.m-order-row--coupon', '优惠券抵扣')
  await shop.see('.m-order-row--coupon', '−¥17')
  await shop.see('.m-order-row--total', '¥382')
  expect(shop.errors()).toEqual([])
}

/**
 * The merchant refunds part of a paid order: 退款 opens the form with the whole amount, the
 * merchant types ¥50, picks a reason, explains it and confirms in the modal; 对账 shows the
 * order paid ¥399, refunded ¥50, net ¥349; the customer's order page lists the refund 已退款.
 */
export async function merchantRefundsPartOfAnOrder(ctx: JourneyContext): Promise<void> {
  const { id } = await placeShirt(ctx.cloud, consumerA, 'partial-refund')
  const order = await paidOrder(ctx.cloud, id)

  const shop = await ctx.driverFor(merchant)
  await shop.open(`merchant/pages/order/index?id=${id}`)
  await shop.see('.payment-panel__title', '已付款')
  await shop.tap('.m-order-action--refund', '退款')
  await shop.see('.refund-form', '最多可退 399')
  await expect(shop.valueOf('.refund-form__amount')).resolves.toBe('399')
  await shop.fill('.refund-form__amount', '500')
  await shop.tap('.refund-form__submit')
  await shop.see('.refund-form .field-error', '退款金额超过可退余额')
  await shop.fill('.refund-form__amount', '50')
  await shop.tap('.refund-form__reason', '延期补偿')
  await shop.fill('.refund-form__note', '交期晚了两天')
  await shop.tapAndAnswerModal('.refund-form__submit', true)
  await shop.seeToast('退款已提交')
  await waitForValue(
    () => storedOrder(ctx.cloud, id),
    (stored) => stored.payment.refunds?.[0]?.state === 'succeeded',
    '部分退款完成',
  )
  const stored = await storedOrder(ctx.cloud, id)
  expect(stored.payment).toMatchObject({ state: 'paid' })
  expect(stored.payment.refunds).toMatchObject([
    { amountFen: 5000, reason: '延期补偿：交期晚了两天', requestedBy: { role: 'merchant' } },
  ])
  await shop.open(`merchant/pages/order/index?id=${id}`)
  await shop.see('.payment-panel__title', '部分退款')
  await shop.see('.refund-list__item', '退款 ¥50 · 已退款')

  // 对账: today's row for this order.
  await shop.open('merchant/pages/money/index')
  await shop.see('.money-row', order.orderNo)
  const row = (await shop.texts('.money-row')).find((text) => text.includes(order.orderNo))
  expect(row?.replace(/\s+/g, '')).toContain(`${order.orderNo}¥399¥50¥349`)
  expect(shop.errors()).toEqual([])

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.see('.payment-panel__title', '部分退款')
  await phone.see('.refund-list__item', '退款 ¥50 · 已退款')
  await phone.see('.refund-list__item', '延期补偿：交期晚了两天')
  expect(phone.errors()).toEqual([])
}
