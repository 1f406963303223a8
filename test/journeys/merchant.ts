// Merchant journeys, described once and run on both platforms.
import { subscriptionId } from '@/domain/message-policy'
import { COLLECTIONS } from '@/domain/names'
import type { JourneyContext } from './driver'
import { consumerA, merchant, placeShirt, storedOrder } from './shop'
import { waitForValue } from '../helpers/wait'

export type Phone = Awaited<ReturnType<JourneyContext['driverFor']>>

/** Opens one of the merchant's actions on the order page, fills the form, and submits it. */
export async function act(phone: Phone, event: string, fill?: () => Promise<void>) {
  await phone.tap(`.m-order-action--${event}`)
  await phone.see(`.action-form--${event}`)
  await fill?.()
  await phone.tap('.action-form__submit')
}

/** The merchant takes a new order through every node to shipped; the customer sees the parcel. */
export async function merchantShipsAnOrder(ctx: JourneyContext): Promise<void> {
  const { id } = await placeShirt(ctx.cloud, consumerA, 'ship')
  const phone = await ctx.driverFor(merchant)
  await phone.open(`merchant/pages/order/index?id=${id}`)
  await phone.see('.m-order-hero__node', '已提交')
  // The whole address, street included, so the parcel can be sent.
  await phone.see('.m-order-address', '上海市 徐汇区 漕溪北路 100 号')
  await act(phone, 'confirm', async () => {
    await phone.see('.action-form__submit', '确认订单')
    await expect(phone.count('.action-form__submit', '确认确认')).resolves.toBe(0)
    await phone.fill('.action-form__note', '已核对尺寸')
  })
  await phone.see('.m-order-hero__node', '已确认')
  await act(phone, 'purchase_materials')
  await phone.see('.m-order-hero__node', '备料中')
  await act(phone, 'start_production')
  await phone.see('.m-order-hero__node', '制作中')
  await act(phone, 'start_quality_check')
  await phone.see('.m-order-hero__node', '质检中')
  await act(phone, 'ship', async () => {
    await phone.see('.action-form--ship', '漕溪北路 100 号')
    await phone.fill('.action-form__carrier', '顺丰速运')
    await phone.fill('.action-form__tracking', 'SF1234567890')
  })
  await phone.see('.m-order-hero__node', '已发货')
  expect(phone.errors()).toEqual([])

  const order = await storedOrder(ctx.cloud, id)
  expect(order.node).toBe('shipped')
  expect(order.shipping).toMatchObject({ carrier: '顺丰速运', trackingNo: 'SF1234567890' })
  expect(order.timeline.find((entry) => entry.event === 'confirm')?.note).toBe('已核对尺寸')

  const customer = await ctx.driverFor(consumerA)
  await customer.open(`pages/order/index?id=${id}`)
  await customer.see('.order-hero__node', '已发货')
  await customer.see('.order-row', 'SF1234567890')
  // The shirt has a care plan: 确认收货 asks for 保养提醒, and the credit reaches the ledger.
  customer.answerNextSheet('accept')
  await customer.tapAndAnswerModal('.order-action--complete', true)
  await expect(customer.sheetOffered()).resolves.toBe(1)
  await customer.see('.order-hero__node', '已完成')
  await expect(storedOrder(ctx.cloud, id)).resolves.toMatchObject({ node: 'completed' })
  const [care] = await waitForValue(
    () =>
      ctx.cloud.store.find(COLLECTIONS.subscriptions, { _id: subscriptionId(consumerA, 'care') }),
    (rows) => rows.length === 1 && rows[0].credits >= 1,
    '保养提醒的订阅台账',
  )
  expect(care.purpose).toBe('care')
}

/**
 * The merchant's forms refuse what order.act would, with its message, beside the form: an ETA
 * change without its reason, a coupon above the order's price. Nothing is written until it passes.
 */
export async function merchantFormsCheckLikeTheServer(ctx: JourneyContext): Promise<void> {
  const { id } = await placeShirt(ctx.cloud, consumerA, 'forms')
  const before = await storedOrder(ctx.cloud, id)
  const phone = await ctx.driverFor(merchant)
  await phone.open(`merchant/pages/order/index?id=${id}`)
  await phone.see('.m-order-hero__node', '已提交')

  await act(phone, 'set_eta')
  await phone.see('.action-form__error', '请填写调整原因')
  await phone.fill('.action-form__note', '面料换批次')
  await phone.see('.action-form .char-count', '5/200')
  await expect(storedOrder(ctx.cloud, id)).resolves.toMatchObject({ version: before.version })
  await phone.tap('.action-form__submit')
  await phone.notSee('.action-form--set_eta')
  await expect(storedOrder(ctx.cloud, id)).resolves.toMatchObject({ version: before.version + 1 })

  await act(phone, 'flag_exception', async () => {
    await phone.fill('.action-form__note', '面料缺货')
    await phone.tap('.action-form__choice', '补偿券')
    await phone.fill('.action-form__coupon', '9999')
  })
  await phone.see('.action-form__error', '补偿券金额应在 1 分到订单金额之间')
  await expect(storedOrder(ctx.cloud, id)).resolves.toMatchObject({
    version: before.version + 1,
    exception: null,
  })
  expect(phone.errors()).toEqual([])
}

/** The merchant flags a stock-out with a coupon, the customer takes it, the merchant resolves it. */
export async function merchantHandlesAnException(ctx: JourneyContext): Promise<void> {
  const { id } = await placeShirt(ctx.cloud, consumerA, 'exception')
  const shop = await ctx.driverFor(merchant)
  await shop.open(`merchant/pages/order/index?id=${id}`)
  await shop.see('.m-order-hero__node', '已提交')
  await act(shop, 'flag_exception', async () => {
    await shop.tap('.action-form__choice', '缺货')
    await shop.tap('.action-form__choice', '领取补偿券')
    await shop.fill('.action-form__coupon', '30')
    await shop.fill('.action-form__note', '衬衫面料暂时缺货')
  })
  await shop.see('.m-order-exception__waiting')
  const flagged = await storedOrder(ctx.cloud, id)
  expect(flagged.exception).toMatchObject({ kind: 'out_of_stock', note: '衬衫面料暂时缺货' })
  expect(flagged.exception?.offered).toContainEqual({ type: 'coupon', amountFen: 3000 })
  expect(shop.errors()).toEqual([])

  const customer = await ctx.driverFor(consumerA)
  await customer.open(`pages/order/index?id=${id}`)
  await customer.tap('.remedy-option', '领取补偿券')
  await customer.tapAndAnswerModal('.remedy-submit', true)
  await customer.see('.order-exception__chosen', '领取补偿券')

  const back = await ctx.driverFor(merchant)
  await back.open(`merchant/pages/order/index?id=${id}`)
  await back.see('.m-order-exception__chosen', '顾客选择：领取补偿券')
  await act(back, 'resolve_exception', () =>
    back.fill('.action-form__note', '补偿券已发放，照常制作'),
  )
  await back.notSee('.m-order-exception')
  await back.see('.m-order-hero__node', '已提交')
  const resolved = await storedOrder(ctx.cloud, id)
  expect(resolved.exception).toBeNull()
  expect(resolved.exceptionHistory[0].resolution).toBe('coupon')
  expect(back.errors()).toEqual([])
}

/** Two new orders confirmed together from the board, after a confirmation; each is reported. */
export async function merchantConfirmsTwoOrdersAtOnce(ctx: JourneyContext): Promise<void> {
  const orders = [
    await placeShirt(ctx.cloud, consumerA, 'batch-1'),
    await placeShirt(ctx.cloud, consumerA, 'batch-2'),
  ]
  const shop = await ctx.driverFor(merchant)
  await shop.open('merchant/pages/board/index')
  await shop.see('.board-order', orders[0].orderNo)
  await shop.tap('.board-mode')
  for (const order of orders) await shop.tap('.batch-item', order.orderNo)
  await shop.see('.board-batch-bar__count', '已选 2 单')
  await shop.tapAndAnswerModal('.board-batch-bar__action', true, '确认订单')
  await shop.see('.result-report__summary', '成功 2 单')
  for (const order of orders)
    expect((await storedOrder(ctx.cloud, order.id)).node).toBe('confirmed')
  expect(shop.errors()).toEqual([])
}
