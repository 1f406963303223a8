// What a first customer and a first merchant trip over (issue 14), as journeys on both platforms:
// measurements that follow the saved profile, orders waiting for a decision staying in 进行中, and
// a board that opens where the work is and stays current.
import { firstNodeWithWork } from '@/domain/board'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { NODE_LABELS } from '@/domain/order-labels'
import { waitUntil } from '../helpers/wait'
import type { Driver, JourneyContext } from './driver'
import { consumerA, consumerB, merchant, merchantActs, placeShirt, storedOrder } from './shop'

const SIZES_AFTER_EDIT: Record<string, [label: string, value: string]> = {
  neck: ['领围', '40'],
  chest: ['胸围', '98'],
  shoulder: ['肩宽', '45.5'],
  sleeve: ['袖长', '62'],
  length: ['衣长', '76'],
}

/**
 * Taps the profile chip `name` until the `label` field shows `value`: the list is read again when
 * the page shows, and until it answers a tap fills what was read before.
 */
async function pickProfileShowing(phone: Driver, name: string, label: string, value: string) {
  await waitUntil(async () => {
    await phone.tap('.profile-chip', name)
    return (await phone.valueOf('.measurement', label)) === value
  }, `档案「${name}」的${label} ${value}`)
}

/** 去建立 from the customise page; back again, the new profile fills; after an edit, the new values. */
export async function measurementsFollowTheProfile(ctx: JourneyContext): Promise<void> {
  const phone = await ctx.driverFor(consumerB)
  await phone.open('pages/product/index?id=prod_shirt')
  await phone.tap('.profile-picker__link', '还没有量体档案')
  await phone.onPage('account/pages/profiles/index')
  await phone.tap('.consent-card__agree')
  // 去建立 opened the form of the shirt's kind already.
  await phone.see('.profile-form__title', '身体尺寸')
  await phone.fill('.profile-field__input--name', '本人')
  await phone.fill('.profile-field__input--neck', '39')
  await phone.tap('.profile-button--save')
  await phone.see('.profile-card', '本人')

  await phone.back()
  await phone.onPage('shop/pages/product/index')
  await phone.see('.profile-chip', '本人')
  await expect(phone.count('.profile-picker__link')).resolves.toBe(0)
  await phone.tap('.profile-chip', '本人')
  await waitUntil(async () => (await phone.valueOf('.measurement', '领围')) === '39', '领围 39')

  await phone.tap('.profile-chip--ghost')
  await phone.onPage('account/pages/profiles/index')
  await phone.tap('.profile-card__button', '编辑')
  for (const [id, [, value]] of Object.entries(SIZES_AFTER_EDIT))
    await phone.fill(`.profile-field__input--${id}`, value)
  await phone.tap('.profile-button--save')
  await phone.see('.profile-card__values', '衣长 76cm')

  await phone.back()
  await phone.onPage('shop/pages/product/index')
  await pickProfileShowing(phone, '本人', '衣长', '76')
  for (const [label, value] of Object.values(SIZES_AFTER_EDIT))
    await expect(phone.valueOf('.measurement', label)).resolves.toBe(value)
  expect(phone.errors()).toEqual([])
}

/**
 * 去建立 on the curtain page makes a window profile (宽度 / 高度), which fills the curtain and is
 * not offered for the shirt; a body profile's 领围 99 is refused by the form, and its 领围 62,
 * outside the shirt's 30–60, is not filled: the field says why.
 */
export async function profilesFitTheProduct(ctx: JourneyContext): Promise<void> {
  const phone = await ctx.driverFor(consumerA)
  await phone.open('pages/product/index?id=prod_curtain')
  await phone.tap('.profile-picker__link', '窗户尺寸')
  await phone.onPage('account/pages/profiles/index')
  await phone.tap('.consent-card__agree')
  await phone.see('.profile-form__title', '窗户尺寸')
  await expect(phone.count('.profile-field__input--neck')).resolves.toBe(0)
  await phone.fill('.profile-field__input--name', '客厅')
  await phone.fill('.profile-field__input--width', '180')
  await phone.fill('.profile-field__input--height', '260')
  await phone.tap('.profile-button--save')
  await phone.see('.profile-card', '客厅')
  await phone.see('.profile-card__values', '宽度 180cm')

  await phone.back()
  await phone.onPage('shop/pages/product/index')
  await pickProfileShowing(phone, '客厅', '宽度', '180')
  await expect(phone.valueOf('.measurement', '高度')).resolves.toBe('260')

  await phone.open('account/pages/profiles/index')
  await phone.tap('.profiles-add--body')
  await phone.fill('.profile-field__input--name', '本人')
  await phone.fill('.profile-field__input--neck', '99')
  await phone.fill('.profile-field__input--chest', '96')
  await phone.tap('.profile-button--save')
  await phone.see('.profile-field__error', '领围应在 25 到 65 cm 之间')
  await phone.fill('.profile-field__input--neck', '62')
  await phone.tap('.profile-button--save')
  await phone.see('.profile-card__values', '领围 62cm')

  await phone.open('pages/product/index?id=prod_shirt')
  await phone.see('.profile-chip', '本人')
  await expect(phone.count('.profile-chip', '客厅')).resolves.toBe(0)
  await phone.tap('.profile-chip', '本人')
  await waitUntil(async () => (await phone.valueOf('.measurement', '胸围')) === '96', '胸围 96')
  await phone.see('.measurement__error', '领围 62 cm 超出本商品范围 30–60 cm')
  await expect(phone.valueOf('.measurement', '领围')).resolves.toBe('')
  expect(phone.errors()).toEqual([])
}

/** An order that waits for the customer's decision stays in 进行中, and 异常 shows how many. */
export async function decisionOrdersStayInProgress(ctx: JourneyContext): Promise<void> {
  const plain = await placeShirt(ctx.cloud, consumerB, 'plain')
  const flagged = await placeShirt(ctx.cloud, consumerB, 'flagged')
  await merchantActs(ctx.cloud, flagged.id, 'flag_exception', {
    kind: 'out_of_stock',
    note: '面料缺货',
    offered: [{ type: 'wait_new_eta', newEta: '2099-01-01' }, { type: 'cancel' }],
  })
  const phone = await ctx.driverFor(consumerB)
  await phone.open('pages/orders/index')
  await phone.see('.orders-tab--active', '进行中')
  await phone.see('.order-card', flagged.orderNo)
  await phone.see('.order-card', plain.orderNo)
  const cards = await phone.texts('.order-card')
  expect(cards[0]).toContain(flagged.orderNo)
  expect(cards[0]).toContain('缺货 · 请选择处理方式')
  await phone.see('.orders-tab__badge', '1')

  await phone.tap('.orders-tab', '异常')
  await phone.see('.orders-tab--active', '异常')
  await phone.notSee('.order-card', plain.orderNo)
  await phone.see('.order-card', flagged.orderNo)
  await expect(phone.count('.order-card')).resolves.toBe(1)
  await phone.see('.orders-tab__badge', '1')
  expect(phone.errors()).toEqual([])
}

const nodeCount = async (phone: Awaited<ReturnType<JourneyContext['driverFor']>>, label: string) =>
  Number(
    (await phone.texts('.board-node')).find((text) => text.includes(label))?.replace(/\D/g, ''),
  )

/** The board opens where work waits, 逾期 / 异常 open their lists, and it is current after an order. */
export async function boardShowsTheWorkWaiting(ctx: JourneyContext): Promise<void> {
  const plain = await placeShirt(ctx.cloud, consumerA, 'board-plain')
  const flagged = await placeShirt(ctx.cloud, consumerA, 'board-flagged')
  for (const order of [plain, flagged]) await merchantActs(ctx.cloud, order.id, 'confirm')
  await merchantActs(ctx.cloud, flagged.id, 'flag_exception', {
    kind: 'delayed',
    note: '布料延迟',
    offered: [{ type: 'cancel' }],
  })
  // An order already past its ETA, written directly (there is no clock to move).
  const overdue = { _id: `ord_journey_overdue_${Date.now()}`, orderNo: '20200101-OVERDUE1' }
  await ctx.cloud.store.insertMany(COLLECTIONS.orders, [
    {
      ...(await storedOrder(ctx.cloud, plain.id)),
      ...overdue,
      requestId: overdue._id,
      eta: '2020-01-01',
    },
  ])
  // Written around the order counters: the order timer's repair counts it (order-counters.ts).
  await ctx.cloud.fireTimer(FUNCTIONS.order)
  const board = (await ctx.cloud.invoke(
    FUNCTIONS.order,
    { action: ACTIONS.order.board, payload: {} },
    merchant,
  )) as { data: { counts: Record<string, number> } }

  const phone = await ctx.driverFor(merchant)
  await phone.open('merchant/pages/board/index')
  await phone.see('.board-node--active', NODE_LABELS[firstNodeWithWork(board.data.counts)])

  await phone.tap('.board-summary__item--exceptions')
  await phone.see('.board-focus')
  await phone.see('.board-order', flagged.orderNo)
  await expect(phone.count('.board-order', plain.orderNo)).resolves.toBe(0)
  await phone.tap('.board-summary__item--overdue')
  await phone.see('.board-order', overdue.orderNo)
  await phone.notSee('.board-order', flagged.orderNo)
  await phone.tap('.board-focus__back')

  await phone.tap('.board-node', NODE_LABELS.confirmed)
  await phone.see('.board-order', plain.orderNo)
  const confirmedBefore = await nodeCount(phone, NODE_LABELS.confirmed)
  const materialsBefore = await nodeCount(phone, NODE_LABELS.materials)
  await phone.tap('.board-order', plain.orderNo)
  await phone.onPage('merchant/pages/order/index')
  await phone.tap('.m-order-action--purchase_materials')
  await phone.tap('.action-form__submit')
  await phone.see('.m-order-hero__node', '备料中')
  await phone.back()
  await phone.onPage('merchant/pages/board/index')
  await phone.notSee('.board-order', plain.orderNo)
  await waitUntil(
    async () => (await nodeCount(phone, NODE_LABELS.confirmed)) === confirmedBefore - 1,
    '已确认的数量减一',
  )
  await expect(nodeCount(phone, NODE_LABELS.materials)).resolves.toBe(materialsBefore + 1)
  expect(phone.errors()).toEqual([])
}
