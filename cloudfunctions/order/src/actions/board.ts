// order.board — merchants only; read-only. Counts per node, overdue and exception totals, and one
// node's orders: its open exceptions first (first page), then by ETA so overdue ones come next,
// paged by (eta, _id). The counts come from the order counters (cloud/order-counters.ts: one read
// of the shards, and 逾期 as open orders minus those not yet due), not from counting orders. A
// search (order number or phone tail) looks across nodes instead. Filters by product and urgent
// apply to the list. `only` lists the board's 逾期 or 异常 orders (the summary cards: the orders
// their counts count) across the workshop's nodes. Phones are masked. Every query is indexed
// (database/indexes.json, `orders`).
import { maskPhone } from '@/domain/address'
import { parseBoardSearch, sortForBoard } from '@/domain/board'
import { chinaDateOf } from '@/domain/china-date'
import {
  EXCEPTION_KINDS,
  BOARD_COUNTED_NODES,
  PRE_SHIPPING_NODES,
  type OrderRecord,
} from '@/domain/order-types'
import { fail, ok } from '@/domain/result'
import { command, readList } from '@/cloud/database'
import { orders } from '@/cloud/orders'
import { orderFigures } from '@/cloud/order-counters'
import { cursorOf } from '@/domain/cursor'
import { orderApi } from '@/domain/api/order'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

/** Exceptions hoisted to the top of a node's first page. */
const EXCEPTIONS_PER_NODE = 50
const SEARCH_LIMIT = 50
/** A summary card's list: one page, most urgent first; the counts say when there are more. */
const FOCUS_LIMIT = 50

const hasException = { 'exception.kind': command.in([...EXCEPTION_KINDS]) }

export const board = defineMerchantAction(orderApi.board, async (input) => {
  const { node = 'submitted', limit = 20, cursor, search, productId, urgent, only } = input ?? {}
  const today = chinaDateOf(currentTime())
  const filters = {
    ...(productId ? { productId } : {}),
    ...(urgent !== undefined ? { 'quote.urgent.applied': urgent } : {}),
  }
  const parsed = search === undefined ? undefined : parseBoardSearch(search)
  if (parsed === null) return fail('INVALID_INPUT', '请输入完整订单号或手机号后 4 位', 'search')

  const totals = orderFigures(today)
  const list = async (): Promise<{ items: OrderRecord[]; nextCursor: string | null }> => {
    if (parsed) {
      const found = await readList<OrderRecord>(
        orders()
          .where({ [parsed.by]: parsed.value, ...filters })
          .limit(SEARCH_LIMIT),
      )
      return { items: sortForBoard(found, today), nextCursor: null }
    }
    if (only) {
      const held = { node: command.in([...PRE_SHIPPING_NODES]), ...filters }
      const found = await readList<OrderRecord>(
        orders()
          .where(
            only === 'exceptions'
              ? { ...held, ...hasException }
              : { ...held, eta: command.lt(today) },
          )
          .orderBy('eta', 'asc')
          .limit(FOCUS_LIMIT),
      )
      return { items: sortForBoard(found, today), nextCursor: null }
    }
    const after = cursor
      ? command.or([
          { eta: command.gt(cursor.value) },
          { eta: cursor.value, _id: command.gt(cursor.id) },
        ])
      : null
    const [flagged, page] = await Promise.all([
      cursor
        ? Promise.resolve([])
        : readList<OrderRecord>(
            orders()
              .where({ node, ...filters, ...hasException })
              .orderBy('eta', 'asc')
              .limit(EXCEPTIONS_PER_NODE),
          ),
      readList<OrderRecord>(
        orders()
          .where(after ? command.and([{ node, ...filters }, after]) : { node, ...filters })
          .orderBy('eta', 'asc')
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    ])
    const last = page[page.length - 1]
    return {
      // Exceptions were listed first; the ETA pages skip them so none shows twice.
      items: [...sortForBoard(flagged, today), ...page.filter((order) => !order.exception)],
      nextCursor: page.length === limit && last ? cursorOf(last.eta, last._id) : null,
    }
  }
  const [figures, { items, nextCursor }] = await Promise.all([totals, list()])
  return ok({
    // Completed and cancelled are not shown: their totals only grow with the shop's history.
    counts: Object.fromEntries(BOARD_COUNTED_NODES.map((n) => [n, figures.counts[n]])),
    overdue: figures.overdue,
    exceptions: figures.counts.exceptions,
    items: items.map((order) => ({
      ...order,
      address: { ...order.address, phone: maskPhone(order.address.phone) },
    })),
    nextCursor,
  })
})
