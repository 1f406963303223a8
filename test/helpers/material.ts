import type { MaterialRecord } from '@/domain/stock'

/** A material of 10 米 used by product p1 (2 a unit), for the stock rules' unit tests. */
export const materialAt =
  (now: Date) =>
  (over: Partial<MaterialRecord> = {}): MaterialRecord => ({
    _id: 'mat_a',
    name: '面料',
    unit: '米',
    quantity: 10,
    reserved: 0,
    safetyLevel: 3,
    usage: [{ productId: 'p1', perUnit: 2 }],
    productIds: ['p1'],
    openTaskId: null,
    taskSeq: 0,
    createdAt: now,
    updatedAt: now,
    ...over,
  })
