// order.coupons — signed-in consumers; read-only. The caller's own coupons (never anyone
// else's: the query is by the caller's OPENID), usable ones first.
import { ok } from '@/domain/result'
import { couponsOf } from '@/cloud/coupons'
import { orderApi } from '@/domain/api/order'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const coupons = defineUserAction(orderApi.coupons, async (_input, openid) =>
  ok({ items: await couponsOf(openid, currentTime()) }),
)
