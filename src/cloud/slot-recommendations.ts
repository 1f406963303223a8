// 为你推荐 on a completed order's page and on 我的补货 (domain/recommend-slots.ts), served inside
// the action that already loads the page (order.detail, refill.mine): bounded reads in parallel
// (the caller's preference document, the active catalog and, unless the action read them, the
// caller's refills), then the shown count (cloud/rec-stats.ts).
import { isPersonalised, type PreferenceRecord } from '../domain/behaviour'
import { CATALOG_PAGE_SIZE, type ProductRecord } from '../domain/catalog'
import { COLLECTIONS } from '../domain/names'
import {
  recommendForSlot,
  type SlotInput,
  type SlotRecommendation,
} from '../domain/recommend-slots'
import type { RefillRecord } from '../domain/refill'
import { currentTime } from './clock'
import { db, readDoc, readList } from './database'
import { countShown } from './rec-stats'

export interface SlotPicks {
  personalised: boolean
  items: SlotRecommendation[]
}

/** More than any shop's consumable range (as refill.mine). */
const MAX_REFILLS = 50

type RefillFacts = Pick<RefillRecord, 'productId' | 'runOutAt' | 'status'>

export async function slotRecommendations(
  openid: string,
  slot: SlotInput['slot'],
  context: { productId?: string; refills?: RefillFacts[] },
): Promise<SlotPicks> {
  const [preference, products, refills] = await Promise.all([
    readDoc<PreferenceRecord>(db.collection(COLLECTIONS.preferences).doc(openid)),
    readList<ProductRecord>(
      db
        .collection(COLLECTIONS.products)
        .where({ active: true })
        .orderBy('sort', 'asc')
        .limit(CATALOG_PAGE_SIZE),
    ),
    context.refills ??
      readList<RefillFacts>(
        db
          .collection(COLLECTIONS.refills)
          .where({ ownerOpenid: openid })
          .orderBy('productId', 'asc')
          .field({ productId: true, runOutAt: true, status: true })
          .limit(MAX_REFILLS),
      ),
  ])
  const personalised = isPersonalised(preference)
  const items = recommendForSlot({
    slot,
    contextProductId: context.productId,
    now: currentTime(),
    products,
    personalised,
    preference,
    refills: refills.map((r) => ({ ...r, runOutAt: new Date(r.runOutAt) })),
    profileKinds: [],
  })
  await countShown(slot, items)
  return { personalised, items }
}
