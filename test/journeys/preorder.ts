// A preorder with a deposit (issue 16), described once and run on both platforms: the customer
// orders the linen set (¥99 定金 a set), pays only the 定金 at submit and reads what comes next;
// the shop cancels the batch on 拼单管理; the 定金 comes back and the order page says so. And a
// batch that fills: the order page asks for the 尾款, 去支付 pays it, production starts.
import { ACTIONS, COLLECTIONS } from '@/domain/names'
import { waitForValue } from '../helpers/wait'
import type { JourneyContext } from './driver'
import {
  ADDRESS_TYPED,
  consumerA,
  consumerB,
  merchant,
  ORDER_ADDRESS,
  orderCall,
  payThroughTheCloud,
  storedOrder,
  tapNextWithQuote,
} from './shop'

export async function batchDepositRefundedWhenTheBatchIsCancelled(
  ctx: JourneyContext,
): Promise<void> {
  const phone = await ctx.driverFor(consumerB)
  await phone.open('pages/product/index?id=prod_linen_batch')
  await phone.tap('.option-chip', '1.5 米床')
  await phone.tap('.option-chip', '雾蓝')
  await phone.see('.quote__deposit', '¥99')
  await tapNextWithQuote(phone)
  await phone.onPage('shop/pages/confirm/index')
  for (const [label, value] of Object.entries(ADDRESS_TYPED))
    await phone.fill('.address-field', value, label)
  await phone.see('.bottom-bar__amount', '定金 ¥99')
  await phone.see('.bottom-bar__eta', '尾款 ¥500 成团后付')
  phone.answerNextPayment('paid')
  await phone.tapAndAnswerSheet('.submit-order', 'accept')
  await expect(phone.paymentAnswered()).resolves.toBe(true)
  const { id } = await phone.onPage('shop/pages/order/index')
  await phone.see('.payment-panel__title', '定金 · 已付款')
  await phone.see('.payment-panel', '成团后支付尾款 ¥500')
  const paid = await waitForValue(
    () => storedOrder(ctx.cloud, id),
    (order) => order.payment.state === 'paid',
    '定金到账',
  )
  expect(paid.payment.amountFen).toBe(9900)
  expect(paid.batchId).toMatch(/^prod_linen_batch-b\d+$/)

  // The shop ends the batch: every order in it is cancelled and its 定金 sent back.
  const shop = await ctx.driverFor(merchant)
  await shop.open('merchant/pages/batches/index')
  await shop.see('.batch__order', paid.orderNo)
  await shop.tap('.batch__button', '取消拼单')
  await shop.fill('.batch__note', '面料断供，本批取消')
  await shop.tapAndAnswerModal('.batch__button--danger', true, '取消整批')
  await shop.see('.result-report__title', '已取消')
  expect(shop.errors()).toEqual([])

  await ctx.cloud.pay.drain()
  const refunded = await waitForValue(
    () => storedOrder(ctx.cloud, id),
    (order) => order.payment.state === 'refunded',
    '定金退回',
  )
  expect(refunded.node).toBe('cancelled')
  const ledger = await ctx.cloud.store.find(COLLECTIONS.paymentLedger, { orderNo: paid.orderNo })
  expect(ledger.map((row) => [row.kind, row.amountFen]).sort()).toEqual([
    ['pay', 9900],
    ['refund', 9900],
  ])
  await phone.open(`pages/order/index?id=${id}`)
  await phone.see('.payment-panel__title', '定金 · 已退款')
  await phone.see('.payment-panel', '¥99 已原路退回你的微信支付')
  await phone.see('.refund-list__item', '退款 ¥99 · 已退款')
  expect(phone.errors()).toEqual([])
}

/** Twenty sets fill the batch at once: the 尾款 is asked for, and paid from the order page. */
export async function payTheBalanceOnceTheBatchFills(ctx: JourneyContext): Promise<void> {
  const { order } = await orderCall(
    ctx.cloud,
    ACTIONS.order.create,
    {
      requestId: `journey-balance-${Date.now().toString(36)}`,
      productId: 'prod_linen_batch',
      selection: {
        options: { bed_size: ['bed_150'], color: ['oat'] },
        measurements: {},
        texts: {},
        quantity: 20,
        urgent: false,
      },
      address: ORDER_ADDRESS,
    },
    consumerA,
  )
  await payThroughTheCloud(ctx.cloud, order._id, consumerA)
  const asked = await waitForValue(
    () => storedOrder(ctx.cloud, order._id),
    (stored) => stored.balance?.state === 'unpaid',
    '尾款待付',
  )
  expect(asked.balance?.amountFen).toBe((59900 - 9900) * 20)

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${order._id}`)
  await phone.see('.payment-panel__title', '尾款 · 待付款')
  await phone.see('.payment-panel', '已成团，请支付尾款 ¥10000')
  const [countdown] = await phone.texts('.payment-panel__countdown')
  expect(countdown).toMatch(/^剩余 \d+:\d\d$/)
  phone.answerNextPayment('paid')
  await phone.tapAndAnswerSheet('.payment-panel__pay', 'accept', '去支付')
  await expect(phone.paymentAnswered()).resolves.toBe(true)
  // Paid, the order goes into production; nothing is left to pay.
  await phone.see('.order-hero__node', '制作中')
  await phone.notSee('.payment-panel__pay')
  const paid = await storedOrder(ctx.cloud, order._id)
  expect(paid).toMatchObject({ node: 'production', balance: { state: 'paid' } })
  expect(phone.errors()).toEqual([])
}
