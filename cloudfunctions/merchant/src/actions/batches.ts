// merchant.batches — merchants only; read-only. The batch each preorder product is collecting
// now, with its orders and deadline (its shards'), paged by product (batch state _id).
// merchant.closeBatch — start production now, below the minimum: the batch stops collecting
// (one transaction on its state), then batch_reached is applied to each waiting order as the
// merchant. merchant.cancelBatch — the batch stops collecting, then every live order in it is
// cancelled with the merchant's note (reservations released, each order audited on its own).
import { type BatchState } from '@/domain/batch'
import { collectingBatchId, toBatchView } from '@/domain/batch-admin'
import type { BatchActionView, BatchesView, BatchStatus } from '@/domain/merchant-views'
import { COLLECTIONS } from '@/domain/names'
import type { OrderRecord } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { command, db, readList, readUpTo } from '@/cloud/database'
import { orders } from '@/cloud/orders'
import { endBatch } from '@/cloud/batches'
import { countsOf } from '@/cloud/batch-shards'
import { cursorOf } from '@/domain/cursor'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'
import { actEach } from '../act-each'
import { productNamesOf } from '../stock-views'

const PAGE = 20
/** Orders shown (and acted on) per batch; a batch's minimum is far below this. */
const ORDERS_PER_BATCH = 200
const LIVE_NODES = ['submitted', 'confirmed', 'materials', 'production', 'quality_check']

const batchStates = () => db.collection(COLLECTIONS.batches)

function ordersOf(batchId: string, nodes?: string[]): Promise<OrderRecord[]> {
  return readUpTo<OrderRecord>(
    orders()
      .where(nodes ? { batchId, node: command.in(nodes) } : { batchId })
      .orderBy('createdAt', 'asc'),
    ORDERS_PER_BATCH,
  )
}

export const batches = defineMerchantAction(merchantApi.batches, async (input) => {
  const cursor = input?.cursor
  const states = await readList<BatchState>(
    batchStates()
      .where({ _id: command.gt(cursor?.id ?? '') })
      .orderBy('_id', 'asc')
      .limit(PAGE),
  )
  const [names, lists, counts] = await Promise.all([
    productNamesOf(states.map((s) => s.productId)),
    Promise.all(states.map((s) => ordersOf(collectingBatchId(s)))),
    countsOf(states),
  ])
  const last = states[states.length - 1]
  const view: BatchesView = {
    items: states.map((s, i) =>
      toBatchView(
        collectingBatchId(s),
        s,
        counts.get(s._id)?.deadlineAt ?? null,
        names[s.productId] ?? s.productId,
        'collecting',
        lists[i],
      ),
    ),
    nextCursor: states.length === PAGE && last ? cursorOf(last._id, last._id) : null,
  }
  return ok(view)
})

function batchAction(how: 'close' | 'cancel') {
  return async (input: { batchId: string; note?: string }, merchantOpenid: string) => {
    const now = currentTime()
    const ended = await endBatch(input.batchId, how, now)
    if (!ended.ok) return ended
    const waiting = await ordersOf(
      input.batchId,
      how === 'close' ? ['submitted', 'confirmed'] : LIVE_NODES,
    )
    const { results } = await actEach(
      merchantOpenid,
      waiting.map((o) => o._id),
      how === 'close' ? 'batch_reached' : 'cancel',
      input.note ? { note: input.note } : {},
      Object.fromEntries(waiting.map((o) => [o._id, o.orderNo])),
    )
    const [names, after] = await Promise.all([
      productNamesOf([ended.data.productId]),
      ordersOf(input.batchId),
    ])
    const status: BatchStatus = how === 'close' ? 'reached' : 'cancelled'
    const view: BatchActionView = {
      batch: toBatchView(
        input.batchId,
        ended.data,
        null,
        names[ended.data.productId] ?? ended.data.productId,
        status,
        after,
      ),
      results,
    }
    return ok(view)
  }
}

export const closeBatch = defineMerchantAction(merchantApi.closeBatch, batchAction('close'))
export const cancelBatch = defineMerchantAction(merchantApi.cancelBatch, batchAction('cancel'))
