// merchant.decideAfterSalesMany — merchants only. One answer (受理 with one plan and days, or 不受理
//   with one reason) to up to 50 requests: each is decideAfterSales on its own (its own
//   transaction and its one message to the customer), so a refusal stops only that request and
//   the answer reports each id. Two batches racing on a request answer it once: the later one
//   reads it answered and reports INVALID_TRANSITION.
import type { AfterSalesActionResult } from '@/domain/merchant-views'
import { ok } from '@/domain/result'
import { afterSales, decideAfterSales } from '@/cloud/after-sales'
import { command, readList } from '@/cloud/database'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'
import { eachInTurn } from '../each-in-turn'

export const decideAfterSalesMany = defineMerchantAction(
  merchantApi.decideAfterSalesMany,
  async ({ afterSalesIds, ...answer }, openid) => {
    // Order numbers up front, so refused requests are reported by number too.
    const known = await readList<{ _id: string; orderNo: string }>(
      afterSales()
        .where({ _id: command.in(afterSalesIds) })
        .field({ _id: true, orderNo: true })
        .limit(afterSalesIds.length),
    )
    const orderNos = Object.fromEntries(known.map((request) => [request._id, request.orderNo]))
    const failed = (
      afterSalesId: string,
      code: AfterSalesActionResult['code'],
      message: string,
    ) => ({
      afterSalesId,
      orderNo: orderNos[afterSalesId] ?? null,
      ok: false,
      code,
      message,
    })
    const now = currentTime()
    return ok(
      await eachInTurn<AfterSalesActionResult>(
        afterSalesIds,
        async (afterSalesId) => {
          const result = await decideAfterSales({ afterSalesId, ...answer }, openid, now)
          return result.ok
            ? { afterSalesId, orderNo: result.data.request.orderNo, ok: true }
            : failed(afterSalesId, result.code, result.message)
        },
        failed,
        'decideAfterSales',
      ),
    )
  },
)
