// order.mine — signed-in consumers; read-only. The caller's own orders, newest first, one tab at
// a time, paged with a range cursor on (createdAt, _id).
import { ORDER_TABS, TAB_NODES } from '@/domain/order-labels'
import type { OrderRecord } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { integer, object, oneOf, optional } from '@/domain/validate'
import { command, readList } from '@/cloud/database'
import { orders } from '@/cloud/orders'
import { cursorCheck, cursorOf } from '@/cloud/paging'
import { defineUserAction } from '@/cloud/router'

const payload = optional(
  object({
    tab: optional(oneOf('订单分类', ORDER_TABS)),
    limit: optional(integer({ label: '每页数量', min: 1, max: 20 })),
    cursor: optional(cursorCheck),
  }),
)

export const mine = defineUserAction(payload, async (input, openid) => {
  const { tab, limit = 10, cursor } = input ?? {}
  const where: Record<string, unknown> = { ownerOpenid: openid }
  if (tab === 'exceptions') where.exception = command.neq(null)
  else if (tab) Object.assign(where, { node: command.in([...TAB_NODES[tab]]), exception: null })
  const after = cursor
    ? command.or([
        { createdAt: command.lt(new Date(cursor.value)) },
        { createdAt: new Date(cursor.value), _id: command.lt(cursor.id) },
      ])
    : null
  const items = await readList<OrderRecord>(
    orders()
      .where(after ? command.and([where, after]) : where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(limit),
  )
  const last = items[items.length - 1]
  const nextCursor =
    items.length === limit && last
      ? cursorOf(new Date(last.createdAt).toISOString(), last._id)
      : null
  return ok({ items, nextCursor })
})
