// order.mine — signed-in consumers; read-only. The caller's own orders, newest first, one tab at
// a time, paged with a range cursor on (createdAt, _id). An order with an open exception is listed
// on its node's tab and on exceptions (orderTabsOf); `countExceptions` adds, on the first page, how
// many of the caller's orders have one (the 异常 tab's badge).
import { ORDER_TABS, TAB_NODES } from '@/domain/order-labels'
import type { OrderRecord } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { boolean, integer, object, oneOf, optional } from '@/domain/validate'
import { command, countOf, readList } from '@/cloud/database'
import { orders } from '@/cloud/orders'
import { cursorCheck, cursorOf } from '@/cloud/paging'
import { defineUserAction } from '@/cloud/router'

const payload = optional(
  object({
    tab: optional(oneOf('订单分类', ORDER_TABS)),
    limit: optional(integer({ label: '每页数量', min: 1, max: 20 })),
    cursor: optional(cursorCheck),
    countExceptions: optional(boolean('异常计数')),
  }),
)

export const mine = defineUserAction(payload, async (input, openid) => {
  const { tab, limit = 10, cursor, countExceptions } = input ?? {}
  const where: Record<string, unknown> = { ownerOpenid: openid }
  if (tab === 'exceptions') where.exception = command.neq(null)
  else if (tab) where.node = command.in([...TAB_NODES[tab]])
  const after = cursor
    ? command.or([
        { createdAt: command.lt(new Date(cursor.value)) },
        { createdAt: new Date(cursor.value), _id: command.lt(cursor.id) },
      ])
    : null
  const [items, exceptions] = await Promise.all([
    readList<OrderRecord>(
      orders()
        .where(after ? command.and([where, after]) : where)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit),
    ),
    countExceptions && !cursor
      ? countOf(orders().where({ ownerOpenid: openid, exception: command.neq(null) }))
      : Promise.resolve(undefined),
  ])
  const last = items[items.length - 1]
  const nextCursor =
    items.length === limit && last
      ? cursorOf(new Date(last.createdAt).toISOString(), last._id)
      : null
  return ok({ items, nextCursor, ...(exceptions === undefined ? {} : { exceptions }) })
})
