// The per-product, per-China-day urgent counter (`urgentQuotas`, id from urgentQuotaId): placing
// an urgent order takes a slot (place-order.ts), cancelling it on the same day gives the slot
// back (applyOrderEvent), each inside the order's own transaction.
import { COLLECTIONS } from '../domain/names'
import { releasedUrgentCount } from '../domain/pricing'
import { readDoc, type Transaction } from './database'

export interface UrgentQuota {
  _id: string
  productId: string
  day: string
  count: number
}

/**
 * Inside the cancel's transaction, before its writes: reads the day's counter and returns the
 * write that gives one slot back (nothing when there is no counter or it is already zero).
 */
export async function prepareUrgentRelease(
  transaction: Transaction,
  release: { quotaId: string },
): Promise<() => Promise<void>> {
  const ref = transaction.collection(COLLECTIONS.urgentQuotas).doc(release.quotaId)
  const quota = await readDoc<UrgentQuota>(ref)
  if (!quota || !(quota.count > 0)) return async () => undefined
  return async () => {
    await ref.update({ data: { count: releasedUrgentCount(quota.count) } })
  }
}
