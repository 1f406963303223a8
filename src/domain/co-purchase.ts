// Co-purchase (issue 19): shop-wide counts of products bought by the same customer, rolled up
// when an order is placed so the recommender never scans order history. Pure: the cloud
// (cloud/co-purchase.ts) and the offline bench use the same `coPurchasePairs`.
// A pair is counted when a customer orders a product for the first time, against each product
// they had ordered before, so each customer adds at most one to a pair (in both directions).

/** Collection `co_purchase`, `_id` = productId; `counts` = other productId → customers. */
export interface CoPurchaseRecord {
  _id: string
  counts: Record<string, number>
}

/** Only the customer's most-ordered products are paired, so one order makes bounded writes. */
export const CO_PURCHASE_MAX_PAIRED = 5

/**
 * The customer's products most ordered first (ties: id order), at most `limit`, leaving out
 * `except`. Deterministic, so the cloud and the bench pick the same ones.
 */
export function mostOrdered(
  ordered: Record<string, number>,
  limit: number,
  except?: string,
): string[] {
  return Object.entries(ordered)
    .filter(([id, times]) => times > 0 && id !== except)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([id]) => id)
}

/**
 * The pairs to count when `productId` is ordered, from the customer's `ordered` counts before
 * this order: none unless it is their first order of it.
 */
export function coPurchasePairs(
  orderedBefore: Record<string, number>,
  productId: string,
): { productId: string; others: string[] } | null {
  if ((orderedBefore[productId] ?? 0) > 0) return null
  const others = mostOrdered(orderedBefore, CO_PURCHASE_MAX_PAIRED, productId)
  return others.length > 0 ? { productId, others } : null
}

/** Adds the pairs to in-memory records (the bench; the cloud increments the same fields). */
export function addPairs(
  records: Map<string, Record<string, number>>,
  pairs: { productId: string; others: string[] },
): void {
  const bump = (from: string, to: string) => {
    const counts = records.get(from) ?? {}
    counts[to] = (counts[to] ?? 0) + 1
    records.set(from, counts)
  }
  for (const other of pairs.others) {
    bump(pairs.productId, other)
    bump(other, pairs.productId)
  }
}
