// appointment.book — any signed-in user. The slot and the user's booking counter (customer-holds)
// are read and written in one transaction: one winner per slot (the rest SLOT_TAKEN, a retry by
// the holder is ok), and a burst of one user's bookings serialises on the counter, so the
// MAX_FUTURE_BOOKINGS limit holds under parallel taps. With `orderId` the order must be the
// caller's (else NOT_FOUND, nothing written); its number and product name are stored with it.
import {
  MAX_FUTURE_BOOKINGS,
  NO_LINKED_ORDER,
  bookingRefusal,
  toBookingView,
  type SlotRecord,
} from '@/domain/appointment'
import { mergeHolds, type BookingHold } from '@/domain/customer-holds'
import { COLLECTIONS } from '@/domain/names'
import type { OrderRecord } from '@/domain/order-types'
import { fail, ok } from '@/domain/result'
import { readHolds, stillHeld } from '@/cloud/customer-holds'
import { command, db, inTransaction, readDoc, readList } from '@/cloud/database'
import { appointmentApi } from '@/domain/api/appointment'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

/** The caller's order a booking is about, as stored with it; null when it is not theirs. */
async function linkedOrder(orderId: string, openid: string) {
  const order = await readDoc<OrderRecord>(db.collection(COLLECTIONS.orders).doc(orderId))
  if (!order || order.ownerOpenid !== openid) return null
  return { orderId, orderNo: order.orderNo, productName: order.productSnapshot.name }
}

export const book = defineUserAction(appointmentApi.book, async (input, openid) => {
  const now = currentTime()
  const [order, found] = await Promise.all([
    input.orderId ? linkedOrder(input.orderId, openid) : NO_LINKED_ORDER,
    // Bookings the counter may not know (made before it existed); where() cannot run inside.
    readList<Pick<SlotRecord, '_id' | 'startsAt'>>(
      db
        .collection(COLLECTIONS.appointmentSlots)
        .where({ bookedBy: openid, startsAt: command.gt(now) })
        .field({ _id: true, startsAt: true })
        .limit(MAX_FUTURE_BOOKINGS + 1),
    ),
  ])
  if (!order) return fail('NOT_FOUND', '没有找到这个订单')

  return inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.appointmentSlots).doc(input.slotId)
    const slot = await readDoc<SlotRecord>(ref)
    if (slot === null) return fail('NOT_FOUND', '这个时段不存在')
    const refusal = bookingRefusal(slot, openid, now)
    if (!refusal.ok) return refusal
    if (slot.bookedBy === openid) return ok(toBookingView(slot))

    const counter = await readHolds<BookingHold>(transaction, openid, 'bookings')
    const notStarted = (hold: BookingHold) => hold.startsAt.getTime() > now.getTime()
    const foundHolds = found.map((s) => ({ id: s._id, startsAt: s.startsAt }))
    let held = mergeHolds(counter.items, foundHolds, notStarted)
    // A counted booking may have been cancelled since: the slot itself says.
    if (held.length >= MAX_FUTURE_BOOKINGS)
      held = await stillHeld<BookingHold, SlotRecord>(
        transaction,
        COLLECTIONS.appointmentSlots,
        held,
        (booked) => booked?.bookedBy === openid,
      )
    if (held.length >= MAX_FUTURE_BOOKINGS)
      return fail('BOOKING_LIMIT', `最多同时保留 ${MAX_FUTURE_BOOKINGS} 个待进行的预约`)

    const booking = {
      status: 'booked' as const,
      bookedBy: openid,
      bookedAt: now,
      note: input.note || null,
      ...order,
    }
    await ref.update({ data: booking })
    await counter.save([...held, { id: slot._id, startsAt: slot.startsAt }])
    return ok(toBookingView({ ...slot, ...booking }))
  })
})
