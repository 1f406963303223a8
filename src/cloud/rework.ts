// The end of a rework (an accepted alteration or remake, order-machine.ts): when the reworked
// item reaches the customer again (delivered, or completed straight from shipped), the order's
// transaction also closes its after-sales request, so the request never stays open on an order
// whose rework is over. No message: the order's own 已签收 message tells the customer.
import type { AfterSalesRecord } from '../domain/after-sales'
import { COLLECTIONS } from '../domain/names'
import { readDoc, type Transaction } from './database'

export const REWORK_DONE_TEXT = '返工商品已送达'

/** Reads the request (reads come first in a transaction); returns the write that closes it. */
export async function prepareReworkClose(
  transaction: Transaction,
  afterSalesId: string,
  now: Date,
): Promise<() => Promise<void>> {
  const ref = transaction.collection(COLLECTIONS.afterSales).doc(afterSalesId)
  const request = await readDoc<AfterSalesRecord>(ref)
  if (!request || request.state !== 'accepted') return async () => undefined
  const step = {
    state: 'closed' as const,
    at: now,
    actorRole: 'system' as const,
    text: REWORK_DONE_TEXT,
  }
  return async () => {
    await ref.update({
      data: { state: 'closed', steps: [...request.steps, step], updatedAt: now },
    })
  }
}
