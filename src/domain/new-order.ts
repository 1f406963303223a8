// buildNewOrder({ product, selection, quote, ownerOpenid, requestId, now, batchId }): Result<OrderRecord>
// The initial order record, from a validated selection and a quote the cloud computed itself.
// Idempotency: `_id` is derived from (owner, requestId), so a retried create lands on the same
// document; the cloud reads it first inside the transaction and returns the existing order.
import type { Address } from './address'
import { phoneTailOf } from './board'
import type { OrderCoupon } from './coupon'
import { depositFenOf, payableFenOf } from './order-payments'
import { DEFAULT_PAY_WITHIN_MINUTES, newPayment } from './payment'
import type { ProductRecord } from './product-schema'
import type { OrderSelection } from './order-selection'
import type { OrderRecord, ProductSnapshot } from './order-types'
import type { Quote } from './pricing'
import { fail, ok, type Result } from './result'
import { formatChinaTime } from './time'

/** What a client may send as its idempotency key (a UUID fits). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

export interface NewOrderInput {
  product: ProductRecord
  selection: OrderSelection
  quote: Quote
  ownerOpenid: string
  requestId: string
  address: Address
  now: Date
  /** Minutes the customer has to pay (env PAY_WITHIN_MINUTES); default 30. */
  payWithinMinutes?: number
  /** Batch products only: the batch this order joined (batch.ts `joinBatch`). */
  batchId: string | null
  /** A coupon the cloud checked and uses in the same transaction; its discount comes off the payment. */
  coupon?: OrderCoupon | null
}

/** Stored beside the record: the board's phone search reads this indexed field. */
export type NewOrderRecord = OrderRecord & { phoneTail: string }

export function buildNewOrder(input: NewOrderInput): Result<NewOrderRecord> {
  const { product, selection, quote, ownerOpenid, requestId, address, now, batchId } = input
  if (!REQUEST_ID_PATTERN.test(requestId))
    return fail('INVALID_INPUT', '请求编号格式不正确', 'requestId')
  if (quote.urgent.requested && !quote.urgent.applied)
    return fail('URGENT_SOLD_OUT', `${quote.urgent.reason ?? '暂不能加急'}，请取消加急后再下单`)
  if ((product.kind === 'batch') !== (batchId !== null))
    throw new Error(`batchId must be given exactly for batch products (${product._id})`)
  const id = orderIdFor(ownerOpenid, requestId)
  const priced = { quote, coupon: input.coupon ?? undefined }
  return ok({
    _id: id,
    orderNo: orderNoFor(id, now),
    requestId,
    ownerOpenid,
    address,
    productId: product._id,
    productSnapshot: snapshotOf(product, selection),
    selection,
    quote,
    payment: newPayment(
      depositFenOf(priced) ?? payableFenOf(priced),
      now,
      input.payWithinMinutes ?? DEFAULT_PAY_WITHIN_MINUTES,
    ),
    ...(input.coupon ? { coupon: input.coupon } : {}),
    node: 'submitted',
    version: 1,
    timeline: [
      { node: 'submitted', event: 'submit', at: now, actorRole: 'consumer', note: '', photos: [] },
    ],
    eta: quote.etaDate,
    etaHistory: [
      {
        eta: quote.etaDate,
        at: now,
        event: 'submit',
        reason: quote.etaBasis === 'batch_reached' ? '成团后开始制作，此为最早日期' : '下单时预计',
      },
    ],
    exception: null,
    exceptionHistory: [],
    shipping: null,
    batchId,
    createdAt: now,
    updatedAt: now,
    phoneTail: phoneTailOf(address.phone),
  })
}

export function snapshotOf(product: ProductRecord, selection: OrderSelection): ProductSnapshot {
  const choices = product.optionGroups.flatMap((group) =>
    group.choices
      .filter((choice) => selection.options[group.id]?.includes(choice.id))
      .map((choice) => ({
        groupId: group.id,
        groupLabel: group.label,
        choiceId: choice.id,
        choiceLabel: choice.label,
        priceDeltaFen: choice.priceDeltaFen,
        leadDaysDelta: choice.leadDaysDelta,
      })),
  )
  const details = [
    ...product.optionGroups
      .filter((group) => selection.options[group.id])
      .map((group) => ({
        label: group.label,
        value: choices
          .filter((c) => c.groupId === group.id)
          .map((c) => c.choiceLabel)
          .join('、'),
      })),
    ...product.measurements
      .filter((m) => selection.measurements[m.id] !== undefined)
      .map((m) => ({ label: m.label, value: `${selection.measurements[m.id]} ${m.unit}` })),
    ...product.textFields
      .filter((t) => selection.texts[t.id] !== undefined)
      .map((t) => ({ label: t.label, value: selection.texts[t.id] })),
  ]
  const { _id, name, kind, image, basePriceFen, baseLeadDays } = product
  const snapshot = { id: _id, name, kind, image, basePriceFen, baseLeadDays, choices, details }
  return product.carePlan?.length ? { ...snapshot, carePlanned: true } : snapshot
}

/** `prefix` + two 53-bit hashes of (owner, requestId) in base 36: stable across retries. */
export function idFor(prefix: string, ownerOpenid: string, requestId: string): string {
  const key = `${ownerOpenid}\n${requestId}`
  return `${prefix}${hash53(key, 1).toString(36).padStart(11, '0')}${hash53(key, 2).toString(36).padStart(11, '0')}`
}

export const orderIdFor = (ownerOpenid: string, requestId: string) =>
  idFor('ord_', ownerOpenid, requestId)

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * China date + 8 Crockford characters (40 bits) of the id: readable over the phone, no I/L/O/U.
 * Two orders on one day collide with odds about n^2 / 2^41 (1 in a million at 1,500 orders), so
 * the cloud keeps a unique index on orderNo.
 */
export function orderNoFor(orderId: string, now: Date): string {
  let bits = hash53(orderId, 3) % 2 ** 40
  let code = ''
  for (let i = 0; i < 8; i += 1) {
    code += CROCKFORD[bits % 32]
    bits = Math.floor(bits / 32)
  }
  return `${formatChinaTime(now, 'YYYYMMDD')}-${code}`
}

/** cyrb53: a fast, well-spread 53-bit string hash; plain numbers, since some phones lack BigInt. */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}
