// catalog.list — anyone, including anonymous callers. Read-only: active products in shop order,
// batch products with their collecting batch's progress (states and shards: two more reads, at
// once, when there are any).
import { CATALOG_PAGE_SIZE, toProductSummary, type ProductRecord } from '@/domain/catalog'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { db, readList } from '@/cloud/database'
import { readBatchCounts } from '@/cloud/batch-shards'
import { catalogApi } from '@/domain/api/catalog'
import { defineAction } from '@/cloud/router'

export const list = defineAction(catalogApi.list, async () => {
  const products = await readList<ProductRecord>(
    db
      .collection(COLLECTIONS.products)
      .where({ active: true })
      .orderBy('sort', 'asc')
      .limit(CATALOG_PAGE_SIZE),
  )
  const batchIds = products.filter((product) => product.batch).map((product) => product._id)
  const counts = await readBatchCounts(batchIds)
  return ok({
    items: products.map((product) => toProductSummary(product, counts.get(product._id)?.quantity)),
  })
})
