import { EVENT_LABELS, EVENT_SUBMIT_LABELS } from '@/domain/order-labels'
import { ORDER_EVENTS } from '@/domain/order-types'

// A word said twice in a row (确认确认订单) is what gluing a verb onto a label produces.
const STUTTER = /(.{2,})\1/

describe('action labels read naturally', () => {
  test.each(ORDER_EVENTS.map((event) => [event]))('%s: button and submit say it once', (event) => {
    expect(EVENT_LABELS[event]).not.toMatch(STUTTER)
    expect(EVENT_SUBMIT_LABELS[event]).not.toMatch(STUTTER)
    expect(EVENT_SUBMIT_LABELS[event].length).toBeGreaterThan(0)
  })

  test('confirming an order says 确认订单, not 确认确认订单', () => {
    expect(EVENT_SUBMIT_LABELS.confirm).toBe('确认订单')
  })
})
