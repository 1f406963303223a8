// user.exportData — any signed-in user, for themselves only; read-only. Everything personal we
// hold about the caller, each list capped (truncated says so): the user record, the measurement
// consent and profiles, the address used on each order, bookings, subscriptions, refills, care
// tasks, coupons, after-sales requests, ratings, home visits, the preference document, the newest behaviour
// events and 客服 chat messages.
import { consentDocId } from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import {
  EXPORT_LIST_LIMIT,
  EXPORT_ORDER_LIMIT,
  toPlain,
  type PersonalDataExport,
} from '@/domain/personal-data'
import type { OrderRecord } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { db, readDoc, readList } from '@/cloud/database'
import { userApi } from '@/domain/api/user'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

type Doc = Record<string, unknown>
const plain = (docs: Doc[]) => docs.map((doc) => toPlain(doc) as Doc)

export const exportData = defineUserAction(userApi.exportData, async (_input, openid) => {
  // Every capped list is kept here, so `truncated` covers each list read, without naming them.
  const capped: Doc[][] = []
  const listOf = async (query: Parameters<typeof readList>[0]) => {
    const list = await readList<Doc>(query)
    capped.push(list)
    return list
  }
  const mineIn = (collection: string, field = 'ownerOpenid') =>
    listOf(
      db
        .collection(collection)
        .where({ [field]: openid })
        .limit(EXPORT_LIST_LIMIT),
    )
  const [
    user,
    consent,
    profiles,
    orders,
    bookings,
    subscriptions,
    refills,
    careTasks,
    coupons,
    legacyCoupons,
    afterSales,
    ratings,
    visits,
    preferences,
    behaviourEvents,
    customerService,
  ] = await Promise.all([
    readDoc<Doc>(db.collection(COLLECTIONS.users).doc(openid)),
    readDoc<Doc>(db.collection(COLLECTIONS.consents).doc(consentDocId(openid))),
    mineIn(COLLECTIONS.measurementProfiles),
    readList<Pick<OrderRecord, '_id' | 'orderNo' | 'createdAt' | 'address'>>(
      db
        .collection(COLLECTIONS.orders)
        .where({ ownerOpenid: openid })
        .orderBy('createdAt', 'desc')
        .field({ _id: true, orderNo: true, createdAt: true, address: true })
        .limit(EXPORT_ORDER_LIMIT),
    ),
    mineIn(COLLECTIONS.appointmentSlots, 'bookedBy'),
    mineIn(COLLECTIONS.subscriptions),
    mineIn(COLLECTIONS.refills),
    mineIn(COLLECTIONS.careTasks),
    mineIn(COLLECTIONS.coupons),
    // Coupons granted before owners were kept as ownerOpenid (see domain/coupon.ts).
    mineIn(COLLECTIONS.coupons, 'toOpenid'),
    mineIn(COLLECTIONS.afterSales),
    mineIn(COLLECTIONS.ratings),
    mineIn(COLLECTIONS.visits),
    readDoc<Doc>(db.collection(COLLECTIONS.preferences).doc(openid)),
    listOf(
      db
        .collection(COLLECTIONS.behaviourEvents)
        .where({ ownerOpenid: openid })
        .orderBy('createdAt', 'desc')
        .limit(EXPORT_LIST_LIMIT),
    ),
    listOf(
      db
        .collection(COLLECTIONS.csMessages)
        .where({ openid })
        .orderBy('at', 'desc')
        .limit(EXPORT_LIST_LIMIT),
    ),
  ])
  const view: PersonalDataExport = {
    exportedAt: currentTime().toISOString(),
    openid,
    user: user ? (toPlain(user) as Doc) : null,
    consents: consent ? plain([consent]) : [],
    measurementProfiles: plain(profiles),
    orderAddresses: orders.map((order) => ({
      orderId: order._id,
      orderNo: order.orderNo,
      createdAt: new Date(order.createdAt).toISOString(),
      address: order.address,
    })),
    bookings: plain(bookings),
    subscriptions: plain(subscriptions),
    refills: plain(refills),
    careTasks: plain(careTasks),
    coupons: plain([...coupons, ...legacyCoupons]),
    afterSales: plain(afterSales),
    ratings: plain(ratings),
    visits: plain(visits),
    preferences: preferences ? (toPlain(preferences) as Doc) : null,
    behaviourEvents: plain(behaviourEvents),
    customerService: plain(customerService),
    truncated:
      orders.length === EXPORT_ORDER_LIMIT ||
      capped.some((list) => list.length === EXPORT_LIST_LIMIT),
  }
  return ok(view)
})
