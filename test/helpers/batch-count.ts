// A batch product's state with the collecting batch's count and deadline read from its shards
// (src/domain/batch-shards.ts), as stored: for tests that check what the cloud wrote.
import type { BatchState } from '@/domain/batch'
import { BATCH_SHARDS, batchShardId, countBatch, type BatchShard } from '@/domain/batch-shards'
import { COLLECTIONS } from '@/domain/names'

type Find = (collection: string, query: object) => Promise<Array<Record<string, any>>> // eslint-disable-line @typescript-eslint/no-explicit-any

export async function storedBatch(find: Find, productId: string) {
  const [state] = (await find(COLLECTIONS.batches, { _id: productId })) as BatchState[]
  if (!state) return undefined
  const rows = (await find(COLLECTIONS.batchShards, { productId })) as BatchShard[]
  const shards = Array.from(
    { length: BATCH_SHARDS },
    (_, k) => rows.find((row) => row._id === batchShardId(productId, k)) ?? null,
  )
  const { quantity, deadlineAt } = countBatch(state, shards)
  return { ...state, quantity, deadlineAt, shards }
}
