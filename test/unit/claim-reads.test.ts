// order.act reads a message's claim documents beside the order, for the message an early read of
// the order foretold (src/cloud/orders.ts). decideClaim must use those reads only for that same
// message, and read again for any other: another customer, purpose, or China day.
import { newOutboxRecord, type OutboxRecord } from '@/domain/message-drafts'
import { COLLECTIONS } from '@/domain/names'
import type { Transaction } from '@/cloud/database'
import { decideClaim, readClaim } from '@/cloud/notifier'

/** A transaction whose documents are all absent, keeping the ones read. */
function recordingTransaction() {
  const reads: string[] = []
  const transaction = {
    collection: (name: string) => ({
      doc: (id: string) => ({
        get: async () => {
          reads.push(`${name}/${id}`)
          return { data: null }
        },
      }),
    }),
  } as unknown as Transaction
  return { transaction, reads }
}

const NOON = new Date('2026-12-03T04:00:00Z') // 12:00 China time, outside quiet hours
const confirmation = (toOpenid: string, purpose: OutboxRecord['purpose'] = 'order_confirmed') =>
  newOutboxRecord(
    {
      purpose,
      toOpenid,
      key: `order:o1:${purpose}:v2`,
      page: 'pages/order/index?id=o1',
      values: {},
    },
    NOON,
  )

test('the reads made for the foretold message are used, not made again', async () => {
  const { transaction, reads } = recordingTransaction()
  const row = confirmation('o_customer_a')
  const early = await readClaim(transaction, row, NOON)
  const made = reads.length
  expect(reads.some((read) => read.startsWith(COLLECTIONS.messageCounters))).toBe(true)
  await decideClaim(transaction, row, NOON, early)
  expect(reads.length).toBe(made)
})

test.each([
  ['another customer', confirmation('o_customer_b')],
  ['another message', confirmation('o_customer_a', 'shipped')],
  ['a credit already spent (no day count)', { ...confirmation('o_customer_a'), creditSpent: true }],
])('for %s, decideClaim reads its own documents', async (_, row) => {
  const { transaction, reads } = recordingTransaction()
  const early = await readClaim(transaction, confirmation('o_customer_a'), NOON)
  reads.length = 0
  await decideClaim(transaction, row, NOON, early)
  expect(reads.length).toBeGreaterThan(0)
  expect(reads.every((read) => read.includes(row.toOpenid))).toBe(true)
})

test('on another China day the day count is read again', async () => {
  const { transaction, reads } = recordingTransaction()
  const row = confirmation('o_customer_a')
  const early = await readClaim(transaction, row, NOON)
  reads.length = 0
  await decideClaim(transaction, row, new Date(NOON.getTime() + 24 * 3600_000), early)
  expect(reads.some((read) => read.startsWith(COLLECTIONS.messageCounters))).toBe(true)
})
