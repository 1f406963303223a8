// Stock arithmetic (src/domain/stock.ts): reserve / consume / release keep
// 0 ≤ reserved ≤ quantity; manual adjustments never cut into reservations except a count
// correction; restock tasks open below the safety level and close above it; a shortfall
// affects the newest reservations.
import {
  adjust,
  availableOf,
  isLow,
  newRestockTask,
  reserve,
  restockStep,
  stockNeeds,
  stockStepFor,
  suggestedRestock,
  uncoveredReservations,
} from '@/domain/stock'
import { settleMaterial } from '@/domain/stock-shards'
import { parseBoardSearch, phoneTailOf, sortForBoard } from '@/domain/board'

import { materialAt } from '../helpers/material'

const NOW = new Date('2026-11-22T02:00:00Z')
const material = materialAt(NOW)

describe('stockNeeds', () => {
  test('perUnit × quantity for each material the product uses, none for others', () => {
    const list = [
      material(),
      material({
        _id: 'mat_b',
        usage: [
          { productId: 'p1', perUnit: 5 },
          { productId: 'p2', perUnit: 1 },
        ],
      }),
      material({ _id: 'mat_c', usage: [{ productId: 'p2', perUnit: 1 }] }),
    ]
    expect(stockNeeds(list, 'p1', 3)).toEqual([
      { materialId: 'mat_a', quantity: 6 },
      { materialId: 'mat_b', quantity: 15 },
    ])
    expect(stockNeeds(list, 'p3', 3)).toEqual([])
  })
})

describe('reserve / consume / release', () => {
  test.each([
    [10, 0, 10, 10],
    [10, 4, 6, 10],
    [10, 4, 7, null],
    [0, 0, 1, null],
  ])(
    'quantity %i, reserved %i, reserving %i -> reserved %p',
    (quantity, reserved, amount, after) => {
      const result = reserve(material({ quantity, reserved }), amount, NOW)
      expect(result?.reserved ?? null).toBe(after)
    },
  )

  test('a run of reservations never exceeds the quantity', () => {
    let m = material({ quantity: 7 })
    let granted = 0
    for (let i = 0; i < 10; i += 1) {
      const next = reserve(m, 2, NOW)
      if (next) {
        m = next
        granted += 1
      }
    }
    expect(granted).toBe(3)
    expect(m.reserved).toBe(6)
    expect(availableOf(m)).toBe(1)
  })

  test('consume lowers both on-hand and reserved; release only reserved', () => {
    const m = material({ quantity: 10, reserved: 6 })
    const line = { materialId: m._id, quantity: 4 }
    expect(settleMaterial(m, line, 'consume', NOW)).toMatchObject({ quantity: 6, reserved: 2 })
    expect(settleMaterial(m, line, 'release', NOW)).toMatchObject({ quantity: 10, reserved: 2 })
    const over = { materialId: m._id, quantity: 5 }
    expect(
      settleMaterial(material({ quantity: 1, reserved: 1 }), over, 'consume', NOW),
    ).toMatchObject({ quantity: 0, reserved: 0 })
  })

  test('units held in shards leave allotted when consumed, and nothing on release', () => {
    const m = material({ quantity: 100, reserved: 2, allotted: 40 })
    const line = { materialId: m._id, quantity: 5, shards: [{ shard: 3, quantity: 4 }] }
    expect(settleMaterial(m, line, 'consume', NOW)).toMatchObject({
      quantity: 95,
      reserved: 1,
      allotted: 36,
    })
    expect(settleMaterial(m, line, 'release', NOW)).toMatchObject({
      quantity: 100,
      reserved: 1,
      allotted: 40,
    })
  })

  test.each([
    ['production', 'consume'],
    ['shipped', 'consume'],
    ['cancelled', 'release'],
    ['confirmed', null],
    ['materials', null],
    ['delivered', null],
  ] as const)('entering %s -> %p', (node, step) => {
    expect(stockStepFor(node)).toBe(step)
  })
})

describe('adjust', () => {
  test('restock adds', () => {
    const result = adjust(material({ quantity: 5, reserved: 4 }), 10, 'restock', NOW)
    expect(result).toMatchObject({ ok: true, data: { material: { quantity: 15 }, shortfall: 0 } })
  })
  test('may not cut into reservations', () => {
    const result = adjust(material({ quantity: 5, reserved: 4 }), -2, 'damage', NOW)
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'delta' })
  })
  test('may take the free part', () => {
    const result = adjust(material({ quantity: 5, reserved: 4 }), -1, 'damage', NOW)
    expect(result).toMatchObject({ ok: true, data: { material: { quantity: 4 }, shortfall: 0 } })
  })
  test('a count correction may, and reports the shortfall', () => {
    const result = adjust(material({ quantity: 5, reserved: 4 }), -3, 'count_correction', NOW)
    expect(result).toMatchObject({ ok: true, data: { material: { quantity: 2 }, shortfall: 2 } })
  })
  test('never below zero on hand', () => {
    expect(adjust(material({ quantity: 5 }), -6, 'count_correction', NOW)).toMatchObject({
      ok: false,
    })
  })
})

describe('low stock and restock tasks', () => {
  test('low is available below the safety level', () => {
    expect(isLow(material({ quantity: 10, reserved: 7, safetyLevel: 3 }))).toBe(false)
    expect(isLow(material({ quantity: 10, reserved: 8, safetyLevel: 3 }))).toBe(true)
  })
  test('suggests enough to reach twice the safety level', () => {
    expect(suggestedRestock(material({ quantity: 10, reserved: 9, safetyLevel: 5 }))).toBe(9)
    expect(suggestedRestock(material({ quantity: 0, reserved: 0, safetyLevel: 0 }))).toBe(1)
  })
  test('opens one task when low, closes it when no longer low', () => {
    expect(restockStep(material({ quantity: 2 }))).toBe('open')
    expect(restockStep(material({ quantity: 2, openTaskId: 'mat_a-r1' }))).toBeNull()
    expect(restockStep(material({ quantity: 20, openTaskId: 'mat_a-r1' }))).toBe('close')
    expect(restockStep(material({ quantity: 20 }))).toBeNull()
    expect(newRestockTask(material({ quantity: 2, taskSeq: 4 }), NOW)).toMatchObject({
      _id: 'mat_a-r5',
      status: 'open',
      suggestedQuantity: 4,
    })
  })
})

describe('uncoveredReservations', () => {
  const held = [
    { id: 'o1', quantity: 2 },
    { id: 'o2', quantity: 3 },
    { id: 'o3', quantity: 1 },
  ]
  test.each([
    [6, []],
    [5, ['o3']],
    [4, ['o2', 'o3']],
    [2, ['o2', 'o3']],
    [1, ['o1', 'o2', 'o3']],
    [0, ['o1', 'o2', 'o3']],
  ])('on hand %i leaves %p uncovered (oldest first)', (onHand, ids) => {
    expect(uncoveredReservations(onHand, held).map((r) => r.id)).toEqual(ids)
  })
})

describe('board rules', () => {
  test.each([
    ['5678', { by: 'phoneTail', value: '5678' }],
    [' 20261122-7k3f9xq2 ', { by: 'orderNo', value: '20261122-7K3F9XQ2' }],
    ['567', null],
    ['abc', null],
    ['12345', null],
  ])('search %p -> %p', (text, parsed) => {
    expect(parseBoardSearch(text)).toEqual(parsed)
  })
  test('phone tail keeps digits only', () => {
    expect(phoneTailOf('138-1234-5678')).toBe('5678')
  })
  test('open exceptions first, then overdue, then by eta', () => {
    const order = (_id: string, eta: string, exception: boolean) => ({
      _id,
      eta,
      exception: exception ? ({} as never) : null,
    })
    const sorted = sortForBoard(
      [
        order('a', '2026-11-25', false),
        order('b', '2026-11-20', false),
        order('c', '2026-11-30', true),
        order('d', '2026-11-21', false),
        order('e', '2026-11-22', false),
      ],
      '2026-11-22',
    )
    expect(sorted.map((o) => o._id)).toEqual(['c', 'b', 'd', 'e', 'a'])
  })
})
