// visit.windows — the order's customer; read-only. The windows of a China day someone eligible is
// free for (visit-assign.ts openWindows), from now plus the booking lead, for the order's district.
import { visitApi } from '@/domain/api/visit'
import { addDays, chinaDateOf } from '@/domain/china-date'
import { ok } from '@/domain/result'
import { openWindows } from '@/domain/visit-assign'
import { BOOKING_HORIZON_DAYS, BOOKING_LEAD_HOURS } from '@/domain/visit-booking'
import { currentTime } from '@/cloud/clock'
import { defineUserAction } from '@/cloud/router'
import { readDay } from '@/cloud/visits'
import { visitableOrder } from './orders'

const HOUR_MS = 60 * 60 * 1000

export const windows = defineUserAction(visitApi.windows, async (input, openid) => {
  const order = await visitableOrder(openid, input.orderId, input.kind, input.afterSalesId)
  if (!order.ok) return order
  const now = currentTime()
  if (input.date > addDays(chinaDateOf(now), BOOKING_HORIZON_DAYS)) return ok({ windows: [] })
  const plan = await readDay(input.date)
  const query = {
    date: input.date,
    kind: input.kind,
    district: order.data.district,
    notBefore: new Date(now.getTime() + BOOKING_LEAD_HOURS * HOUR_MS),
    overrides: plan.overrides,
  }
  return ok({ windows: openWindows(query, plan.staff, plan.booked) })
})
