// Stock checked from outside, whatever layout the functions keep it in: levels come from the
// merchant's merchant.stock view (called as the merchant), reservations from the
// stock_reservations rows. "Never oversold", per material:
//   available ≥ 0;
//   reserved = the sum of its held reservation rows;
//   held + consumed rows ≤ what it ever had (on hand now + consumed).
// A material with reservations that the view does not list is a problem too (nothing unseen).
import type { MaterialView, StockView } from '@/domain/merchant-views'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { Result } from '@/domain/result'
import type { StockReservation } from '@/domain/stock'
import type { LocalCloud } from '../../tools/local-cloud'
import { DEMO_USERS } from '../../tools/seed/demo'

const MERCHANT = DEMO_USERS.find((user) => user.role === 'merchant')!.openid

/** Calls a function as `openid`; a suite may pass one that retries (default: cloud.invoke). */
export type StockCall = (fn: string, event: { action: string }, openid: string) => Promise<unknown>

/** The merchant's stock view, every material with its levels (merchant.stock). */
export async function stockView(cloud: LocalCloud, call?: StockCall): Promise<MaterialView[]> {
  const send = call ?? ((fn, event, openid) => cloud.invoke(fn, event, openid))
  const answer = (await send(
    FUNCTIONS.merchant,
    { action: ACTIONS.merchant.stock },
    MERCHANT,
  )) as Result<StockView>
  if (!answer.ok) throw new Error(`merchant.stock failed: ${JSON.stringify(answer)}`)
  return answer.data.items
}

/** One material as the merchant sees it: quantity on hand, reserved, available… */
export async function materialView(cloud: LocalCloud, materialId: string): Promise<MaterialView> {
  const found = (await stockView(cloud)).find((item) => item.id === materialId)
  if (!found) throw new Error(`merchant.stock does not list ${materialId}`)
  return found
}

/** Every broken "never oversold" rule, as problem lines for a reliability suite. */
export async function stockProblems(cloud: LocalCloud, call?: StockCall): Promise<string[]> {
  const [items, rows] = await Promise.all([
    stockView(cloud, call),
    cloud.store.find(COLLECTIONS.stockReservations) as Promise<StockReservation[]>,
  ])
  const sums = new Map<string, { held: number; consumed: number }>()
  for (const row of rows) {
    const sum = sums.get(row.materialId) ?? { held: 0, consumed: 0 }
    if (row.status === 'held') sum.held += row.quantity
    if (row.status === 'consumed') sum.consumed += row.quantity
    sums.set(row.materialId, sum)
  }
  const problems: string[] = []
  for (const item of items) {
    const { held, consumed } = sums.get(item.id) ?? { held: 0, consumed: 0 }
    if (item.available < 0) problems.push(`${item.id}: available ${item.available}`)
    if (item.reserved !== held)
      problems.push(`${item.id}: reserved ${item.reserved}, held reservations sum to ${held}`)
    if (held + consumed > item.quantity + consumed)
      problems.push(
        `${item.id}: held ${held} + consumed ${consumed} exceed on hand ${item.quantity} + consumed`,
      )
  }
  const listed = new Set(items.map((item) => item.id))
  for (const materialId of sums.keys())
    if (!listed.has(materialId))
      problems.push(`${materialId}: has reservations, not listed by merchant.stock`)
  return problems
}

export async function expectStockNeverOversold(cloud: LocalCloud, call?: StockCall): Promise<void> {
  expect(await stockProblems(cloud, call)).toEqual([])
}
