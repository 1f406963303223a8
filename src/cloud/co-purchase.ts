// Co-purchase counts (issue 19; domain/co-purchase.ts), shop-wide and naming no customer.
// Invariant: a co_purchase document (`_id` = productId) only ever grows by db.command.inc on
// `counts.<otherProductId>`, never read-modify-write, so concurrent orders lose no count; for
// every pair X, Y, counts X→Y equals Y→X (both are added in the same call, best effort).
// A customer's orders count only while their 个性化推荐 is on: the pairs come from their own
// preference document (`ordered`), which the switch stops growing. The first count of a product
// adds its document; an add that loses a race (duplicate id) falls back to the increment.
// Never fails the calling action (order.create): an error is logged.
import {
  coPurchasePairs,
  CO_PURCHASE_MAX_PAIRED,
  mostOrdered,
  type CoPurchaseRecord,
} from '../domain/co-purchase'
import { COLLECTIONS } from '../domain/names'
import { command, db, readList } from './database'

const coPurchase = () => db.collection(COLLECTIONS.coPurchase)

async function increment(productId: string, others: string[]): Promise<void> {
  const data = { counts: Object.fromEntries(others.map((id) => [id, command.inc(1)])) }
  const apply = async () =>
    (
      (await coPurchase().where({ _id: productId }).update({ data })) as {
        stats: { updated: number }
      }
    ).stats.updated
  if ((await apply()) > 0) return
  const fields = { _id: productId, counts: Object.fromEntries(others.map((id) => [id, 1])) }
  const created = await (coPurchase().add({ data: fields }) as Promise<unknown>).then(
    () => true,
    () => false,
  )
  if (!created && (await apply()) === 0)
    throw new Error(`co_purchase ${productId} neither added nor updated`)
}

/**
 * order.create, after the order was recorded: `orderedAfter` is the customer's `ordered` counts
 * including this order, so a first order of the product shows as 1 there.
 */
export async function countCoPurchase(
  orderedAfter: Record<string, number>,
  productId: string,
): Promise<void> {
  if (orderedAfter[productId] !== 1) return
  const pairs = coPurchasePairs({ ...orderedAfter, [productId]: 0 }, productId)
  if (!pairs) return
  try {
    await Promise.all([
      increment(productId, pairs.others),
      ...pairs.others.map((other) => increment(other, [productId])),
    ])
  } catch (error) {
    console.error('[co-purchase] not counted', error)
  }
}

/** user.home: the rows of the customer's most-ordered products, one bounded read. */
export function coPurchaseRows(ordered: Record<string, number>): Promise<CoPurchaseRecord[]> {
  const ids = mostOrdered(ordered, CO_PURCHASE_MAX_PAIRED)
  if (ids.length === 0) return Promise.resolve([])
  return readList<CoPurchaseRecord>(
    coPurchase()
      .where({ _id: command.in(ids) })
      .limit(ids.length),
  )
}
