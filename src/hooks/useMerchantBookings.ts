// Designer appointments for the merchant: the bookings of the next two weeks
// (appointment.bookings, at most 31 days per call) and publishing new slots (defineSlots).
import { appointmentApi } from '@/domain/api/appointment'
import { slotPayload, type SlotDraft } from '@/domain/slot-form'
import { useMemo } from 'react'
import { callCloud } from '@/services/cloud'
import { useCloud } from './useCloud'

const DAY_MS = 24 * 60 * 60 * 1000
export const BOOKINGS_WINDOW_DAYS = 14

export function useMerchantBookings() {
  // Fixed per page visit so the payload (and the request) stays stable across renders.
  const range = useMemo(() => {
    const from = new Date(Math.floor(Date.now() / 60_000) * 60_000)
    return {
      from: from.toISOString(),
      to: new Date(from.getTime() + BOOKINGS_WINDOW_DAYS * DAY_MS).toISOString(),
    }
  }, [])
  return useCloud(appointmentApi.bookings, {
    ...range,
    limit: 50,
  })
}

export const defineSlots = (slots: SlotDraft[]) =>
  callCloud(appointmentApi.defineSlots, { slots: slots.map(slotPayload) })
