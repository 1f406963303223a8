// order.mine — signed-in consumers; read-only. The caller's own orders, newest first, one tab at
// a time, paged with a range cursor on (createdAt, _id). An order with an open exception is listed
// on its node's tab and on exceptions (orderTabsOf); `countExceptions` adds, on the first page, how
// many of the caller's orders have one (the 异常 tab's badge).
import { TAB_NODES } from '@/domain/order-labels'
import type { OrderRecord } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { command, countOf, readList } from '@/cloud/database'
import { orders } from '@/cloud/orders'
import { cursorOf } from '@/domain/cursor'
import { orderApi } from '@/domain/api/order'
import { defineUserAction } from '@/cloud/router'

export const mine = defineUserAction(orderApi.mine, async (input, openid) => {
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
