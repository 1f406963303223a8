// catalog.list — anyone, including anonymous callers. Read-only: active products in shop order.
import { CATALOG_PAGE_SIZE, toProductSummary, type ProductRecord } from '@/domain/catalog'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { noPayload } from '@/domain/validate'
import { db, readList } from '@/cloud/database'
import { defineAction } from '@/cloud/router'

export const list = defineAction(noPayload, async () => {
  const products = await readList<ProductRecord>(
    db
      .collection(COLLECTIONS.products)
      .where({ active: true })
      .orderBy('sort', 'asc')
      .limit(CATALOG_PAGE_SIZE),
  )
  return ok({ items: products.map(toProductSummary) })
})
