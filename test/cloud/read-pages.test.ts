// Lists longer than one read: a get in a cloud function returns at most 100 documents
// (READ_MAX), so a view that promises more reads them in pages (readUpTo in
// src/cloud/database.ts). Here a preorder batch of 150 orders on 拼单管理 (merchant.batches
// shows up to 200 per batch, and closeBatch / cancelBatch act on the same list).
import { COLLECTIONS } from '@/domain/names'
import { merchant, useDemoCloud } from '../helpers/demo-cloud'
import { linenSelection } from './order-helpers'
import { merchantClient } from './merchant-helpers'

const env = useDemoCloud()
const { call } = merchantClient(env)
const ORDERS = 150

test(`拼单管理 lists all ${ORDERS} orders of a batch, not the first 100`, async () => {
  // Stored as they are once placed; written directly, since only the list is under test.
  await env.cloud.store.insertMany(
    COLLECTIONS.orders,
    Array.from({ length: ORDERS }, (_, i) => ({
      _id: `paged_${String(i).padStart(3, '0')}`,
      orderNo: `P${String(i).padStart(9, '0')}`,
      productId: 'prod_linen_batch',
      batchId: 'prod_linen_batch-b1',
      node: 'submitted',
      selection: linenSelection(1),
      // Ties on createdAt: pages must still neither overlap nor skip one.
      createdAt: new Date(Date.UTC(2026, 11, 1, 8, 0, Math.floor(i / 7))),
    })),
  )
  await env.cloud.store.insertMany(COLLECTIONS.batches, [
    {
      _id: 'prod_linen_batch',
      productId: 'prod_linen_batch',
      minQuantity: 500,
      sequence: 1,
      openedAt: new Date(Date.UTC(2026, 11, 1)),
      lastReachedAt: null,
      updatedAt: new Date(Date.UTC(2026, 11, 1)),
    },
  ])
  const result = await call('batches', {}, merchant)
  expect(result.ok).toBe(true)
  const listed = result.data.items[0].orders.map((o: { orderId: string }) => o.orderId)
  expect(listed).toHaveLength(ORDERS)
  expect(new Set(listed).size).toBe(ORDERS)
})
