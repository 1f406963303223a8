// Co-purchase counts for the recommender bench as the cloud would hold them when each case's
// home page opens: every customer's orders before that moment, rolled up in time order by the
// domain's own coPurchasePairs (what order.create counts), then the rows user.home would read.
import {
  addPairs,
  coPurchasePairs,
  CO_PURCHASE_MAX_PAIRED,
  mostOrdered,
  type CoPurchaseRecord,
} from '../../src/domain/co-purchase'
import type { Case } from './recommend-eval'
import type { Shop } from './recommend-shop'

/** Sets each case's `visible.coPurchase` (a sweep over all orders; every customer switched on). */
export function attachCoPurchase(shop: Shop, cases: Case[]): void {
  const orders = shop.customers
    .flatMap((customer) =>
      customer.events
        .filter((e) => e.type === 'order')
        .map((e) => ({ openid: customer.openid, at: e.at, productId: e.productId })),
    )
    .sort((a, b) => a.at - b.at)
  const byTime = [...cases].sort((a, b) => a.visible.now.getTime() - b.visible.now.getTime())
  const records = new Map<string, Record<string, number>>()
  const orderedBy = new Map<string, Record<string, number>>()
  let next = 0
  for (const c of byTime) {
    for (; next < orders.length && orders[next].at < c.visible.now.getTime(); next += 1) {
      const { openid, productId } = orders[next]
      const ordered = orderedBy.get(openid) ?? {}
      const pairs = coPurchasePairs(ordered, productId)
      if (pairs) addPairs(records, pairs)
      ordered[productId] = (ordered[productId] ?? 0) + 1
      orderedBy.set(openid, ordered)
    }
    c.visible.coPurchase = mostOrdered(c.visible.preference.ordered, CO_PURCHASE_MAX_PAIRED)
      .filter((id) => records.has(id))
      .map((id): CoPurchaseRecord => ({ _id: id, counts: { ...records.get(id)! } }))
  }
}
