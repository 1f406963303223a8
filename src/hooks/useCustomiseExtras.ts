// The customise page's side data: the caller's saved measurement profiles and the designer's
// open appointment slots, with booking.
import { profileApi } from '@/domain/api/profile'
import { appointmentApi } from '@/domain/api/appointment'
import { useCallback, useState } from 'react'
import type { BookingView } from '@/domain/appointment'
import type { Fail } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { useCloud } from './useCloud'
import { useReloadOnReturn } from './useReloadOnReturn'

export const SLOTS_SHOWN = 6

/**
 * Read again whenever the page shows after being hidden: the customer may have just made or
 * edited a profile on the profiles page, and a chip must fill the values saved there.
 */
export function useSavedProfiles() {
  const list = useCloud(profileApi.list)
  useReloadOnReturn(list.reload)
  return list
}

export function useAppointment() {
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
      const result = await callCloud(appointmentApi.book, {
        slotId,
      })
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
    [reload],
  )

  return { slots, booking, bookingId, error, book }
}
