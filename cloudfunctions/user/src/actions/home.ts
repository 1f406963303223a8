// user.home — any signed-in caller; reads only, plus registering a first-time caller (the shop
// owner is found by this record, README: 商家账号). The home page in one call: orders still on
// their way, refills running out, 为你推荐 and the catalog. Every read is by the caller's own
// keys and bounded (no history is scanned: recommendations come from the preference document),
// and all but the batch progress and the co-purchase rows of the products the customer ordered
// (cloud/co-purchase.ts; both need the first step's reads) run in parallel. Personalisation off:
// only the shop's picks, and no co-purchase read.
// The picks served are counted per basis (slot `home`, cloud/rec-stats.ts), once per call, beside
// the batch read (critical path: the reads, the co-purchase rows, the count).
// The catalog shown counts one list view per product (src/cloud/list-views.ts: one write beside
// the batch read, best effort): this is where customers see the list (merchant.insights' funnel).
import { isPersonalised, type PreferenceRecord } from '@/domain/behaviour'
import { CATALOG_PAGE_SIZE, toProductSummary, type ProductRecord } from '@/domain/catalog'
import {
  HOME_ORDER_LIMIT,
  HOME_ORDER_NODES,
  refillsDueSoon,
  toHomeOrder,
  type HomeOrderFields,
  type HomeView,
} from '@/domain/home-view'
import {
  MAX_PROFILES_PER_USER,
  profileKindOf,
  type MeasurementProfileRecord,
} from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import type { UserRecord } from '@/domain/profile'
import { recommend } from '@/domain/recommend'
import type { RefillRecord } from '@/domain/refill'
import { ok } from '@/domain/result'
import { userApi } from '@/domain/api/user'
import { command, db, readDoc, readList } from '@/cloud/database'
import { readBatchCounts } from '@/cloud/batch-shards'
import { recordListViews } from '@/cloud/list-views'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'
import { countShown } from '@/cloud/rec-stats'
import { coPurchaseRows } from '@/cloud/co-purchase'

/** More than any shop's consumable range (as refill.mine). */
const MAX_REFILLS = 50

export const home = defineUserAction(userApi.home, async (_input, openid) => {
  const now = currentTime()
  const [user, preference, orders, refills, profiles, products] = await Promise.all([
    readDoc<UserRecord>(db.collection(COLLECTIONS.users).doc(openid)),
    readDoc<PreferenceRecord>(db.collection(COLLECTIONS.preferences).doc(openid)),
    readList<HomeOrderFields>(
      db
        .collection(COLLECTIONS.orders)
        .where({ ownerOpenid: openid, node: command.in([...HOME_ORDER_NODES]) })
        .orderBy('createdAt', 'desc')
        .field({
          _id: true,
          orderNo: true,
          node: true,
          eta: true,
          exception: true,
          shipping: true,
          'productSnapshot.name': true,
        })
        .limit(HOME_ORDER_LIMIT),
    ),
    readList<RefillRecord>(
      db
        .collection(COLLECTIONS.refills)
        .where({ ownerOpenid: openid })
        .orderBy('productId', 'asc')
        .field({
          productId: true,
          productName: true,
          lastOrderId: true,
          runOutAt: true,
          status: true,
        })
        .limit(MAX_REFILLS),
    ),
    readList<Pick<MeasurementProfileRecord, 'kind'>>(
      db
        .collection(COLLECTIONS.measurementProfiles)
        .where({ ownerOpenid: openid })
        .field({ kind: true })
        .limit(MAX_PROFILES_PER_USER),
    ),
    readList<ProductRecord>(
      db
        .collection(COLLECTIONS.products)
        .where({ active: true })
        .orderBy('sort', 'asc')
        .limit(CATALOG_PAGE_SIZE),
    ),
  ])
  const batchIds = products.filter((product) => product.batch).map((product) => product._id)
  const personalised = isPersonalised(preference)
  // The picks are chosen and counted as soon as the co-purchase rows arrive, beside the batch
  // read and the list-view count, not after them: one round trip less before the answer.
  const pick = async () => {
    const coPurchase = personalised && preference ? await coPurchaseRows(preference.ordered) : []
    const recommendations = recommend({
      now,
      products,
      personalised,
      preference,
      refills: refills.map((r) => ({ ...r, runOutAt: new Date(r.runOutAt) })),
      profileKinds: profiles.map(profileKindOf),
      coPurchase,
    })
    await countShown('home', recommendations)
    return recommendations
  }
  const [counts, recommendations] = await Promise.all([
    readBatchCounts(batchIds),
    pick(),
    recordListViews(products.map((product) => product._id)),
    user
      ? null
      : db
          .collection(COLLECTIONS.users)
          .doc(openid)
          .set({
            data: { visits: 1, firstSeenAt: now, lastSeenAt: now },
          }),
  ])
  const view: HomeView = {
    personalised,
    orders: orders.map(toHomeOrder),
    refills: refillsDueSoon(refills, now),
    recommendations,
    catalog: products.map((product) =>
      toProductSummary(product, counts.get(product._id)?.quantity),
    ),
  }
  return ok(view)
})
