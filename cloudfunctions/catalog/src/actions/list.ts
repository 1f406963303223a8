// catalog.list — anyone, including anonymous callers. Read-only: active products in shop order,
// batch products with their collecting batch's progress (one more read when there are any).
import type { BatchState } from '@/domain/batch'
import { CATALOG_PAGE_SIZE, toProductSummary, type ProductRecord } from '@/domain/catalog'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { command, db, readList } from '@/cloud/database'
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
  const batches = batchIds.length
    ? await readList<BatchState>(
        db
          .collection(COLLECTIONS.batches)
          .where({ _id: command.in(batchIds) })
          .limit(batchIds.length),
      )
    : []
  const collected = new Map(batches.map((batch) => [batch._id, batch.quantity]))
  return ok({
    items: products.map((product) => toProductSummary(product, collected.get(product._id))),
  })
})
