// visit.confirmSizes — the visit's customer, on a done measuring visit with reported sizes: they
// become the order's measurements while the order is not yet in production, and, with
// `profileName` and the measurement consent, a measurement profile. One transaction re-reads the
// visit, the order (version + 1, so a stale order.act is refused) and the consent; every check
// comes before the first write. Confirming again changes nothing.
import { visitFail } from '@/domain/visit-errors'
import { visitApi } from '@/domain/api/visit'
import type { ProductRecord } from '@/domain/catalog'
import { PROFILE_KIND_SPECS, profileKindFor } from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { snapshotOf } from '@/domain/new-order'
import type { OrderNode, OrderRecord } from '@/domain/order-types'
import { fail, ok } from '@/domain/result'
import { toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { command, db, inTransaction, readDoc } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'
import { addProfile, profileRefusal, readConsent } from '@/cloud/measurement-profiles'
import { windowOf } from '@/cloud/visits'

/** Before production the workshop has not cut anything: the sizes may still change. */
const SIZES_OPEN: readonly OrderNode[] = ['submitted', 'confirmed', 'materials']

export const confirmSizes = defineUserAction(visitApi.confirmSizes, async (input, openid) => {
  const now = currentTime()
  const found = await readDoc<VisitRecord>(db.collection(COLLECTIONS.visits).doc(input.visitId))
  if (!found || found.ownerOpenid !== openid) return fail('NOT_FOUND', '没有找到这次上门预约')
  const orderRow = await readDoc<OrderRecord>(db.collection(COLLECTIONS.orders).doc(found.orderId))
  const product =
    orderRow &&
    (await readDoc<ProductRecord>(db.collection(COLLECTIONS.products).doc(orderRow.productId)))
  const kind = product && profileKindFor(product)
  return inTransaction(async (transaction) => {
    const visitRef = transaction.collection(COLLECTIONS.visits).doc(input.visitId)
    const stored = await readDoc<VisitRecord>(visitRef)
    if (!stored || stored.ownerOpenid !== openid) return fail('NOT_FOUND', '没有找到这次上门预约')
    const visit = { ...stored, window: windowOf(stored) }
    const answer = (profileId: string | null, next = visit) =>
      ok({
        visit: toVisitView(next, availableVisitEvents(next, 'consumer', { openid, now })),
        profileId,
      })
    const sizes = visit.report?.measurements ?? {}
    if (visit.node !== 'done' || Object.keys(sizes).length === 0) return visitFail('NO_SIZES')
    if (visit.sizesConfirmedAt) return answer(null)
    const orderRef = transaction.collection(COLLECTIONS.orders).doc(visit.orderId)
    const order = await readDoc<OrderRecord>(orderRef)
    if (!order) return fail('NOT_FOUND', '没有找到这个订单')
    if (!SIZES_OPEN.includes(order.node))
      return fail('INVALID_TRANSITION', '订单已开始制作，尺寸不能再修改，请联系商家')
    const consent = input.profileName ? await readConsent(transaction, openid) : null
    const refused = consent && profileRefusal(consent.consent)
    if (refused) return refused
    if (consent && !kind)
      return fail('INVALID_INPUT', '这件商品的尺寸不能存为量体档案', 'profileName')

    const selection = {
      ...order.selection,
      measurements: { ...order.selection.measurements, ...sizes },
    }
    // The rows the order shows ("宽度：180 cm") follow the sizes; prices and choices stay.
    const details = product ? snapshotOf(product, selection).details : order.productSnapshot.details
    await orderRef.update({
      data: {
        selection: command.set(selection),
        productSnapshot: command.set({ ...order.productSnapshot, details }),
        version: order.version + 1,
        updatedAt: now,
      },
    })
    const next = { ...visit, sizesConfirmedAt: now, version: visit.version + 1, updatedAt: now }
    await visitRef.update({
      data: { sizesConfirmedAt: now, version: next.version, updatedAt: now },
    })
    if (!consent || !kind || !input.profileName) return answer(null, next)
    const ids = PROFILE_KIND_SPECS[kind].measurements.map((m) => m.id)
    const values = Object.fromEntries(Object.entries(sizes).filter(([key]) => ids.includes(key)))
    const profile = { kind, name: input.profileName, values }
    return answer((await addProfile(transaction, consent.ref, openid, profile, now))._id, next)
  })
})
