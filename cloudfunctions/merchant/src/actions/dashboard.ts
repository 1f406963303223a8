// merchant.dashboard — merchants only; read-only. Every figure comes from the order counters
// (orders per node, 逾期, 异常: cloud/order-counters.ts), indexed counts or bounded,
// time-windowed reads (at most SAMPLE_LIMIT rows), folded by src/domain/dashboard.ts.
// Windows: lead time, urgent share, messages (sent, held, opened) and refills over the last
// WINDOW_DAYS days; top options over this China week; order counts over the last WEEKS weeks;
// after-sales requests over WINDOW_DAYS against the orders delivered in it; ratings given over
// WINDOW_DAYS; 为你推荐 per slot over 30 China days (cloud/rec-stats.ts: at most 90 counter
// documents); home visits whose window started in the last WINDOW_DAYS days (at most
// SAMPLE_LIMIT, the newest, by the visits' `node, window.start` index).
import { OPEN_AFTER_SALES_STATES, type AfterSalesRecord } from '@/domain/after-sales'
import { afterSalesStats, optionLabels } from '@/domain/after-sales-stats'
import { chinaDateOf, chinaDayRange } from '@/domain/china-date'
import {
  leadTimeStats,
  openedByPurpose,
  recentWeeks,
  shareOf,
  topOptions,
  weekStartOf,
} from '@/domain/dashboard'
import type { DashboardView } from '@/domain/merchant-views'
import {
  HOLD_REASON_CODES,
  MESSAGE_PURPOSES,
  type HoldReason,
  type MessagePurpose,
} from '@/domain/messages'
import { COLLECTIONS } from '@/domain/names'
import { ORDER_NODES, type OrderNode, type OrderRecord } from '@/domain/order-types'
import type { RatingRecord } from '@/domain/rating'
import { ratingStats } from '@/domain/rating-stats'
import { serviceStats, type VisitStatsRow } from '@/domain/visit-stats'
import { VISIT_NODES, type VisitRecord } from '@/domain/visit-types'
import { ok } from '@/domain/result'
import { afterSales } from '@/cloud/after-sales'
import { command, countOf, db, READ_MAX, readList } from '@/cloud/database'
import { orders } from '@/cloud/orders'
import { orderFigures } from '@/cloud/order-counters'
import { refillStats } from '@/cloud/refill-stats'
import { recSlotStats } from '@/cloud/rec-stats'
import { ratings } from '@/cloud/ratings'
import { failedRefundQuery } from '@/cloud/refunds'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'
import { responseHours } from './after-sales'

export const WINDOW_DAYS = 30
const WEEKS = 8
/** One read's rows: the samples are the newest READ_MAX; `capped` says when one was full. */
const SAMPLE_LIMIT = READ_MAX
const DAY_MS = 24 * 60 * 60 * 1000

const outbox = () => db.collection(COLLECTIONS.notificationQueue)
/** Cancelled visits count nowhere (nobody went), so the read leaves them out. */
const COUNTED_VISIT_NODES = VISIT_NODES.filter((node) => node !== 'cancelled')
type ServiceRow = VisitStatsRow & Pick<VisitRecord, 'staffName'>

/** Home visits whose window started between `since` and `now`, the newest SAMPLE_LIMIT. */
const recentVisits = (since: Date, now: Date) =>
  readList<ServiceRow>(
    db
      .collection(COLLECTIONS.visits)
      .where({
        node: command.in(COUNTED_VISIT_NODES),
        'window.start': command.gte(since).and(command.lt(now)),
      })
      .field({
        district: true,
        staffId: true,
        staffName: true,
        node: true,
        window: true,
        timeline: true,
        rating: true,
      })
      .orderBy('window.start', 'desc')
      .limit(SAMPLE_LIMIT),
  )

/** The staff names stored with the visits: no read of the staff collection. */
function serviceView(rows: ServiceRow[]) {
  const visits = rows.map((row) => ({
    ...row,
    window: { start: new Date(row.window.start), end: new Date(row.window.end) },
    timeline: row.timeline.map((entry) => ({ ...entry, at: new Date(entry.at) })),
  }))
  const names = new Map(
    rows.flatMap((row) => (row.staffId && row.staffName ? [[row.staffId, row.staffName]] : [])),
  ) as Map<string, string>
  return {
    ...serviceStats(visits, names),
    windowDays: WINDOW_DAYS,
    capped: rows.length >= SAMPLE_LIMIT,
  }
}
const outboxCount = (statuses: string[], since: Date) =>
  countOf(outbox().where({ status: command.in(statuses), createdAt: command.gte(since) }))
const heldCount = (holdReason: HoldReason, since: Date) =>
  countOf(outbox().where({ status: 'held', holdReason, createdAt: command.gte(since) }))
/** Of the rows queued in the window, those opened (message.opened marks only sent rows). */
const openedCount = (since: Date) =>
  countOf(outbox().where({ opened: true, createdAt: command.gte(since) }))
const sentCount = (purpose: MessagePurpose, since: Date, opened?: true) =>
  countOf(
    outbox().where({
      status: 'sent',
      purpose,
      ...(opened ? { opened } : {}),
      createdAt: command.gte(since),
    }),
  )

export const dashboard = defineMerchantAction(merchantApi.dashboard, async (_input) => {
  const now = currentTime()
  const today = chinaDateOf(now)
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS)
  const weekStart = chinaDayRange(weekStartOf(today)).start
  const weeks = recentWeeks(now, WEEKS)
  // Started beside the reads below and awaited when the view is built (handled meanwhile, so a
  // failure is the action's error, not an unhandled rejection).
  const recSlots = recSlotStats(now)
  recSlots.catch(() => undefined)

  const [
    figures,
    finished,
    placed,
    urgentPlaced,
    thisWeek,
    weekly,
    refills,
    messages,
    heldBy,
    opens,
    failedRefunds,
    requests,
    openRequests,
    overdueRequests,
    rated,
    visited,
  ] = await Promise.all([
    orderFigures(today),
    readList<OrderRecord>(
      orders()
        .where({ node: command.in(['delivered', 'completed']), updatedAt: command.gte(since) })
        .field({
          createdAt: true,
          timeline: true,
          etaHistory: true,
          eta: true,
          productSnapshot: true,
        })
        .orderBy('updatedAt', 'desc')
        .limit(SAMPLE_LIMIT),
    ),
    countOf(orders().where({ createdAt: command.gte(since) })),
    countOf(orders().where({ 'quote.urgent.applied': true, createdAt: command.gte(since) })),
    readList<OrderRecord>(
      orders()
        .where({ createdAt: command.gte(weekStart) })
        .field({ productSnapshot: true, selection: true })
        .orderBy('createdAt', 'desc')
        .limit(SAMPLE_LIMIT),
    ),
    Promise.all(
      weeks.map((w) =>
        countOf(orders().where({ createdAt: command.gte(w.start).and(command.lt(w.end)) })),
      ),
    ),
    refillStats(since),
    Promise.all([
      outboxCount(['sent'], since),
      outboxCount(['held'], since),
      outboxCount(['dead'], since),
      outboxCount(['pending', 'retry', 'sending'], since),
    ]),
    Promise.all(HOLD_REASON_CODES.map((reason) => heldCount(reason, since))),
    Promise.all([
      openedCount(since),
      Promise.all(MESSAGE_PURPOSES.map((purpose) => sentCount(purpose, since))),
      Promise.all(MESSAGE_PURPOSES.map((purpose) => sentCount(purpose, since, true))),
    ]),
    countOf(orders().where(failedRefundQuery())),
    readList<AfterSalesRecord>(
      afterSales()
        .where({ createdAt: command.gte(since) })
        .field({ productName: true, kind: true, reason: true, alterations: true, options: true })
        .orderBy('createdAt', 'desc')
        .limit(SAMPLE_LIMIT),
    ),
    countOf(afterSales().where({ state: command.in([...OPEN_AFTER_SALES_STATES]) })),
    countOf(
      afterSales().where({
        state: 'submitted',
        createdAt: command.lt(new Date(now.getTime() - responseHours() * 3600 * 1000)),
      }),
    ),
    readList<RatingRecord>(
      ratings()
        .where({ createdAt: command.gte(since) })
        .field({
          orderNo: true,
          productName: true,
          quality: true,
          fit: true,
          onTime: true,
          text: true,
          createdAt: true,
        })
        .orderBy('createdAt', 'desc')
        .limit(SAMPLE_LIMIT),
    ),
    recentVisits(since, now),
  ])

  const view: DashboardView = {
    generatedAt: now,
    byNode: Object.fromEntries(ORDER_NODES.map((node) => [node, figures.counts[node]])) as Record<
      OrderNode,
      number
    >,
    overdue: figures.overdue,
    exceptions: figures.counts.exceptions,
    leadTime: leadTimeStats(finished),
    urgentShare: shareOf(urgentPlaced, placed),
    topOptions: topOptions(thisWeek),
    refills: {
      ...refills,
      conversion: shareOf(refills.reorders, refills.remindersSent),
      windowDays: WINDOW_DAYS,
    },
    messages: {
      sent: messages[0],
      held: messages[1],
      failed: messages[2],
      pending: messages[3],
      heldBy: Object.fromEntries(HOLD_REASON_CODES.map((r, i) => [r, heldBy[i]])) as Record<
        HoldReason,
        number
      >,
      opened: opens[0],
      openRate: shareOf(opens[0], messages[0]),
      byPurpose: openedByPurpose(opens[1], opens[2]),
    },
    weeklyOrders: weeks.map((w, i) => ({ week: w.week, count: weekly[i] })),
    failedRefunds,
    recommendations: await recSlots,
    afterSales: {
      ...afterSalesStats(
        requests,
        finished.map((order) => ({
          productName: order.productSnapshot.name,
          options: optionLabels(order.productSnapshot),
          timeline: order.timeline,
        })),
        { open: openRequests, overdue: overdueRequests },
      ),
      windowDays: WINDOW_DAYS,
    },
    ratings: { ...ratingStats(rated), windowDays: WINDOW_DAYS },
    service: serviceView(visited),
  }
  return ok(view)
})
