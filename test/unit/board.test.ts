import { firstNodeWithWork } from '@/domain/board'

describe('the board opens on the first column with orders waiting', () => {
  test.each([
    [{ submitted: 2, confirmed: 1 }, 'submitted'],
    [{ submitted: 0, confirmed: 0, production: 3, shipped: 1 }, 'production'],
    [{ submitted: 0, quality_check: 1 }, 'quality_check'],
    [{}, 'submitted'],
    [{ submitted: 0, confirmed: 0 }, 'submitted'],
  ] as const)('%j -> %s', (counts, node) => {
    expect(firstNodeWithWork(counts)).toBe(node)
  })
})
