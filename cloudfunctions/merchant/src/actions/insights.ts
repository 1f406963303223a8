// merchant.insights — merchants only; read-only. Funnel over the last FUNNEL_WINDOW_DAYS China
// days, today included: list
// views from the day counters (at most one document per shard and day), detail opens as one
// indexed count per product, orders from one bounded read of the orders placed in the window,
// which also holds both China weeks of the demand signals; the A/B figures from one read of each
// tested purpose's sent messages beside those orders. Folded by src/domain/insights.ts and
// message-variants.ts.
import { addDays, chinaDateOf, chinaDayRange } from '@/domain/china-date'
import { CATALOG_PAGE_SIZE, type ProductRecord } from '@/domain/catalog'
import { recentWeeks } from '@/domain/dashboard'
import {
  FUNNEL_WINDOW_DAYS,
  SURGE_MIN_UNITS,
  demandSignals,
  funnelRows,
  ordersPerProduct,
  type DemandOrder,
} from '@/domain/insights'
import type { OutboxRecord } from '@/domain/message-drafts'
import { MESSAGE_CONFIG } from '@/domain/message-templates'
import { experimentFigures } from '@/domain/message-variants'
import type { MessagePurpose } from '@/domain/messages'
import { LIST_VIEW_SHARDS, sumListViews, type ListViewRecord } from '@/domain/list-views'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { merchantApi } from '@/domain/api/merchant'
import { behaviourEvents } from '@/cloud/behaviour'
import { command, countOf, db, readList, readUpTo } from '@/cloud/database'
import { listViews } from '@/cloud/list-views'
import { orders } from '@/cloud/orders'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

/** Orders read for the funnel and the demand signals; more in the window marks them sampled. */
export const ORDER_SAMPLE_LIMIT = 1000
/** Sent messages read per purpose under an A/B test. */
export const SENT_SAMPLE_LIMIT = 1000

export const insights = defineMerchantAction(merchantApi.insights, async (_input) => {
  const now = currentTime()
  const firstDay = addDays(chinaDateOf(now), -(FUNNEL_WINDOW_DAYS - 1))
  const since = chinaDayRange(firstDay).start
  // The funnel's window (30 days) always holds last week's start (at most 13 days back).
  const [lastWeek, thisWeek] = recentWeeks(now, 2)

  const experiments = MESSAGE_CONFIG.experiments ?? {}
  const [products, dayCounters, placed, sent] = await Promise.all([
    readList<Pick<ProductRecord, '_id' | 'name'>>(
      db
        .collection(COLLECTIONS.products)
        .where({ active: true })
        .field({ _id: true, name: true })
        .orderBy('sort', 'asc')
        .limit(CATALOG_PAGE_SIZE),
    ),
    readUpTo<ListViewRecord>(
      listViews().where({ day: command.gte(firstDay) }),
      FUNNEL_WINDOW_DAYS * LIST_VIEW_SHARDS,
    ),
    readUpTo<DemandOrder>(
      orders()
        .where({ createdAt: command.gte(since) })
        .field({
          productId: true,
          productSnapshot: true,
          selection: true,
          address: true,
          ownerOpenid: true,
          createdAt: true,
        })
        .orderBy('createdAt', 'desc'),
      ORDER_SAMPLE_LIMIT,
    ),
    sentInExperiments(Object.keys(experiments) as MessagePurpose[], since),
  ])

  // Active products, then any product ordered in the window that is no longer listed.
  const names = new Map(products.map((p) => [p._id, p.name]))
  for (const order of placed)
    if (!names.has(order.productId)) names.set(order.productId, order.productSnapshot.name)
  const ids = [...names.keys()]
  const opens = await Promise.all(
    ids.map((productId) =>
      countOf(
        behaviourEvents().where({ productId, type: 'product_view', createdAt: command.gte(since) }),
      ),
    ),
  )

  return ok({
    generatedAt: now,
    windowDays: FUNNEL_WINDOW_DAYS,
    funnel: funnelRows(
      ids.map((id) => ({ id, name: names.get(id) ?? id })),
      sumListViews(dayCounters),
      new Map(ids.map((id, i) => [id, opens[i]])),
      ordersPerProduct(placed),
    ),
    demand: {
      thisWeek: thisWeek.week,
      lastWeek: lastWeek.week,
      surgeMinUnits: SURGE_MIN_UNITS,
      ...demandSignals(placed, {
        lastWeekStart: lastWeek.start,
        thisWeekStart: thisWeek.start,
        thisWeekEnd: thisWeek.end,
      }),
    },
    experiments: experimentFigures(experiments, sent, placed),
    sampled: placed.length >= ORDER_SAMPLE_LIMIT || sent.length >= SENT_SAMPLE_LIMIT,
  })
})

/** Sent messages of the purposes under test, newest first, one indexed read per purpose. */
async function sentInExperiments(purposes: MessagePurpose[], since: Date) {
  const perPurpose = await Promise.all(
    purposes.map((purpose) =>
      readUpTo<Pick<OutboxRecord, 'purpose' | 'variant' | 'toOpenid' | 'sentAt' | 'opened'>>(
        db
          .collection(COLLECTIONS.notificationQueue)
          .where({ status: 'sent', purpose, createdAt: command.gte(since) })
          .field({ purpose: true, variant: true, toOpenid: true, sentAt: true, opened: true })
          .orderBy('createdAt', 'desc'),
        SENT_SAMPLE_LIMIT,
      ),
    ),
  )
  return perPurpose.flat()
}
