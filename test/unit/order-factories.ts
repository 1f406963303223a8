// Small factories for order tests: a real seed product, a valid selection, a built order.
import type { ProductRecord } from '@/domain/catalog'
import { buildNewOrder } from '@/domain/new-order'
import type { OrderSelection } from '@/domain/order-selection'
import type { OrderRecord } from '@/domain/order-types'
import { markPaid, newPayment, outTradeNoOf } from '@/domain/payment'
import { quoteOrder } from '@/domain/pricing'
import { DEMO_ADDRESS, DEMO_PRODUCTS } from '../../tools/seed/demo'

export const OWNER = 'o_owner'
export const ADDRESS = DEMO_ADDRESS
export const STRANGER = 'o_stranger'
export const MERCHANT = 'o_merchant'
/** 2026-11-22 10:00 in China. */
export const NOW = new Date('2026-11-22T02:00:00.000Z')

export function product(id: string): ProductRecord {
  const found = DEMO_PRODUCTS.find((candidate) => candidate._id === id)
  if (!found) throw new Error(`no demo product ${id}`)
  return found
}

export const shirtSelection = (overrides: Partial<OrderSelection> = {}): OrderSelection => ({
  options: { fabric: ['egyptian'], collar: ['spread'], cuff: ['french'] },
  measurements: { neck: 39, chest: 98, shoulder: 45.5, sleeve: 62, length: 76 },
  texts: { monogram: 'LX' },
  quantity: 1,
  urgent: false,
  ...overrides,
})

const SELECTIONS: Record<string, OrderSelection> = {
  prod_shirt: shirtSelection(),
  prod_curtain: {
    options: { fabric: ['velvet'], heading: ['hooks'], installation: ['onsite'] },
    measurements: { width: 280, height: 260 },
    texts: {},
    quantity: 1,
    urgent: false,
  },
  prod_filter: {
    options: { model: ['ro'] },
    measurements: {},
    texts: {},
    quantity: 2,
    urgent: false,
  },
  prod_linen_batch: {
    options: { bed_size: ['bed_180'], color: ['oat'] },
    measurements: {},
    texts: {},
    quantity: 1,
    urgent: false,
  },
}

/** A freshly submitted order of a demo product, paid (most rules start there), then the overrides. */
export function makeOrder(
  overrides: Partial<OrderRecord> = {},
  productId = 'prod_shirt',
): OrderRecord {
  const p = product(productId)
  const selection = SELECTIONS[productId]
  const quote = quoteOrder(p, selection, { now: NOW, urgentOrdersToday: 0, queueLoad: 0 })
  const built = buildNewOrder({
    product: p,
    selection,
    quote,
    ownerOpenid: OWNER,
    requestId: `req-${productId}-0001`,
    address: ADDRESS,
    now: NOW,
    batchId: p.kind === 'batch' ? 'prod_linen_batch-b1' : null,
  })
  if (!built.ok) throw new Error(built.message)
  const payment = markPaid(built.data.payment, {
    outTradeNo: outTradeNoOf(built.data.orderNo, 1),
    transactionId: 'wx_tx_1',
    paidAt: NOW,
  })
  return { ...built.data, payment: { ...payment, attempts: 1 }, ...overrides }
}

/** The same order as placed, before it is paid. */
export function makeUnpaidOrder(
  overrides: Partial<OrderRecord> = {},
  productId = 'prod_shirt',
): OrderRecord {
  const order = makeOrder({}, productId)
  const payment = newPayment(order.quote.priceFen, order.createdAt)
  return { ...order, payment, ...overrides }
}
