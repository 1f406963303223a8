// order.board — merchants only; read-only. Counts per node, how many are overdue, and one node's
// orders by ETA so overdue ones come first, paged by (eta, _id). Phones are masked.
import { maskPhone } from '@/domain/address'
import { chinaDateOf } from '@/domain/china-date'
import { ORDER_NODES, type OrderNode, type OrderRecord } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { integer, object, oneOf, optional } from '@/domain/validate'
import { command, countOf, readList } from '@/cloud/database'
import { requireMerchant } from '@/cloud/merchants'
import { orders } from '@/cloud/orders'
import { cursorCheck, cursorOf } from '@/cloud/paging'
import { defineAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

/** Nodes where an ETA still binds the workshop; past it the order is overdue. */
const OPEN_NODES: OrderNode[] = [
  'submitted',
  'confirmed',
  'materials',
  'production',
  'quality_check',
]

const payload = optional(
  object({
    node: optional(oneOf('订单节点', ORDER_NODES)),
    limit: optional(integer({ label: '每页数量', min: 1, max: 50 })),
    cursor: optional(cursorCheck),
  }),
)

export const board = defineAction(payload, async (input, caller) => {
  const merchant = await requireMerchant(caller)
  if (!merchant.ok) return merchant
  const { node = 'submitted', limit = 20, cursor } = input ?? {}
  const today = chinaDateOf(currentTime())
  const after = cursor
    ? command.or([
        { eta: command.gt(cursor.value) },
        { eta: cursor.value, _id: command.gt(cursor.id) },
      ])
    : null
  const [counts, overdue, items] = await Promise.all([
    countByNode(),
    countOf(orders().where({ node: command.in(OPEN_NODES), eta: command.lt(today) })),
    readList<OrderRecord>(
      orders()
        .where(after ? command.and([{ node }, after]) : { node })
        .orderBy('eta', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit),
    ),
  ])
  const last = items[items.length - 1]
  return ok({
    counts,
    overdue,
    items: items.map((order) => ({
      ...order,
      address: { ...order.address, phone: maskPhone(order.address.phone) },
    })),
    nextCursor: items.length === limit && last ? cursorOf(last.eta, last._id) : null,
  })
})

/** One count per node: each is an indexed count, where a grouping aggregate would scan. */
async function countByNode(): Promise<Record<OrderNode, number>> {
  const totals = await Promise.all(ORDER_NODES.map((node) => countOf(orders().where({ node }))))
  return Object.fromEntries(ORDER_NODES.map((node, i) => [node, totals[i]])) as Record<
    OrderNode,
    number
  >
}
