// The order function's timer (config.json, every 10 minutes): completes orders delivered long
// enough ago, moves on batches that filled without being moved on (a crash after an order's
// commit) and releases reached batches' orders that the filling order did not get to, and keeps
// payments true (src/cloud/payments.ts): finds payments whose callback was lost, expires unpaid
// orders past their due time (定金 or 尾款), and resends refunds WeChat does not have; and cancels
// preorder batches past their deadline (every payment in them refunded); then recounts the order
// counters within a time budget and fixes drift (cloud/order-counters.ts); and spreads each
// material's spare stock over its shards (cloud/stock-spread.ts).
// All go through the state machine, so a run overlapping another moves nothing twice; counter
// fixes are conditional, so they apply once too.
import { AUTO_COMPLETE_DAYS } from '@/domain/order-machine'
import type { OrderRecord } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { command, readList } from '@/cloud/database'
import { cancelExpiredBatches, closeFullBatches, releaseLeftoverBatches } from '@/cloud/batches'
import { applySystemEvent, orders } from '@/cloud/orders'
import { currentTime } from '@/cloud/clock'
import { paymentHousekeeping } from '@/cloud/payments'
import { repairOrderCounters } from '@/cloud/order-counters'
import { spreadMaterials } from '@/cloud/stock-spread'

const PAGE = 100
const DAY_MS = 24 * 60 * 60 * 1000

export async function housekeeping() {
  const now = currentTime()
  const due = await readList<OrderRecord>(
    orders()
      .where({
        node: 'delivered',
        updatedAt: command.lte(new Date(now.getTime() - AUTO_COMPLETE_DAYS * DAY_MS)),
      })
      .limit(PAGE),
  )
  let completed = 0
  for (const order of due) {
    const result = await applySystemEvent(order._id, 'complete', now)
    if (result.ok) completed += 1
  }
  const payments = await paymentHousekeeping(now)
  const filled = await closeFullBatches(now)
  const released = await releaseLeftoverBatches(now)
  const expiredBatchOrders = await cancelExpiredBatches(now)
  const counters = await repairOrderCounters()
  const stock = await spreadMaterials(now)
  return ok({ completed, filled, released, payments, expiredBatchOrders, counters, stock })
}
