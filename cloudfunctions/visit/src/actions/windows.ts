// visit.windows — the order's customer; read-only. The windows of a China day someone eligible is
// free for (visit-booking.ts customerWindows), from now plus the booking lead, for the order's district.
import { visitApi } from '@/domain/api/visit'
import { ok } from '@/domain/result'
import { customerWindows } from '@/domain/visit-booking'
import { currentTime } from '@/cloud/clock'
import { defineUserAction } from '@/cloud/router'
import { readDay } from '@/cloud/visits'
import { visitableOrder } from './orders'

export const windows = defineUserAction(visitApi.windows, async (input, openid) => {
  const order = await visitableOrder(openid, input.orderId, input.kind, input.afterSalesId)
  if (!order.ok) return order
  const plan = await readDay(input.date)
  const request = {
    date: input.date,
    kind: input.kind,
    district: order.data.district,
    overrides: plan.overrides,
  }
  return ok({ windows: customerWindows(request, currentTime(), plan.staff, plan.booked) })
})
