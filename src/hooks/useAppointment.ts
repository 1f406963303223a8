// A designer's open appointment slots, with booking: the customise page's picker, and 我的预约's
// 预约设计师 for one order.
import { useCallback, useState } from 'react'
import { appointmentApi } from '@/domain/api/appointment'
import type { BookingView } from '@/domain/appointment'
import type { Fail } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { useCloud } from './useCloud'

export const SLOTS_SHOWN = 6

/** `orderId`: the booking is about that order (the caller's own; 我的预约 opened from it). */
export function useAppointment(orderId?: string) {
  const slots = useCloud(appointmentApi.listSlots, {
    limit: SLOTS_SHOWN,
  })
  const [booking, setBooking] = useState<BookingView>()
  const [bookingId, setBookingId] = useState<string>()
  const [error, setError] = useState<Fail>()
  const { reload } = slots

  const book = useCallback(
    async (slotId: string) => {
      setBookingId(slotId)
      setError(undefined)
      const result = await callCloud(
        appointmentApi.book,
        orderId ? { slotId, orderId } : { slotId },
      )
      setBookingId(undefined)
      if (result.ok) {
        setBooking(result.data)
      } else {
        setError(result)
        // Someone else took it (or it started): show what is still open.
        if (result.code === 'SLOT_TAKEN' || result.code === 'SLOT_PAST') void reload()
      }
      return result
    },
    [orderId, reload],
  )

  return { slots, booking, bookingId, error, book }
}
