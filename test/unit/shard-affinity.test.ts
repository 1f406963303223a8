import { BATCH_SHARDS } from '@/domain/batch-shards'
import { MATERIAL_SHARDS } from '@/domain/stock-shards'
import { instanceShard, moveInstanceShard } from '@/cloud/shard-affinity'

test('an instance keeps its shards until it moves, and a move always lands on other shards', () => {
  const landed = new Set<number>()
  for (let move = 0; move < 200; move += 1) {
    const [material, batch] = [instanceShard(MATERIAL_SHARDS), instanceShard(BATCH_SHARDS)]
    expect(instanceShard(MATERIAL_SHARDS)).toBe(material)
    expect(material).toBeGreaterThanOrEqual(0)
    expect(material).toBeLessThan(MATERIAL_SHARDS)
    landed.add(material)
    moveInstanceShard()
    expect(instanceShard(MATERIAL_SHARDS)).not.toBe(material)
    expect(instanceShard(BATCH_SHARDS)).not.toBe(batch)
  }
  expect(landed.size).toBe(MATERIAL_SHARDS)
})
