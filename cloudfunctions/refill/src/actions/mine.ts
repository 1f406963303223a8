// refill.mine — signed-in consumers; read-only. The caller's tracked consumables (one document
// per product, so a small bounded list) and the reminders waiting for an answer, with 为你推荐
// for the page (slot `refill`, cloud/slot-recommendations.ts).
import { ok } from '@/domain/result'
import type { RefillRecord } from '@/domain/refill'
import { toRefillView, type RefillList } from '@/domain/refill-view'
import { readList } from '@/cloud/database'
import { refills } from '@/cloud/refills'
import { refillApi } from '@/domain/api/refill'
import { defineUserAction } from '@/cloud/router'
import { slotRecommendations } from '@/cloud/slot-recommendations'

/** More than any shop's consumable range; the list is never paged. */
const MAX_REFILLS = 50

export const mine = defineUserAction(refillApi.mine, async (_input, openid) => {
  const records = await readList<RefillRecord>(
    refills().where({ ownerOpenid: openid }).orderBy('productId', 'asc').limit(MAX_REFILLS),
  )
  const views = records.map(toRefillView)
  const picks = await slotRecommendations(openid, 'refill', { refills: records })
  const list: RefillList = {
    refills: views,
    reminders: views
      .filter((view) => view.status === 'reminded')
      .sort((a, b) => (b.lastReminderAt?.getTime() ?? 0) - (a.lastReminderAt?.getTime() ?? 0)),
    recommendations: picks,
  }
  return ok(list)
})
