// Shared set-up for the message suites: the message function's caller, credits through
// message.authorize, and outbox rows written straight into the store (for volume tests).
import { newOutboxRecord, type MessageDraft, type OutboxRecord } from '@/domain/message-drafts'
import type { MessagePurpose } from '@/domain/messages'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { callerFor, type DemoCloud } from '../helpers/demo-cloud'

export const MINUTE = 60_000
export const DAY = 24 * 60 * MINUTE
/** 11:00 China time on day `n` after 2026-11-23: outside the 22:00–08:00 quiet hours. */
export const daytime = (n = 0) => new Date(Date.parse('2026-11-23T03:00:00.000Z') + n * DAY)
/** 23:30 China time on day `n`. */
export const night = (n = 0) => new Date(Date.parse('2026-11-23T15:30:00.000Z') + n * DAY)

export function messageClient(env: DemoCloud) {
  const call = callerFor(env, FUNCTIONS.message)
  const outbox = (query: object = {}) =>
    env.cloud.store.find(COLLECTIONS.notificationQueue, query) as Promise<OutboxRecord[]>
  const drain = () => env.cloud.fireTimer(FUNCTIONS.message) as Promise<{ ok: boolean; data: any }> // eslint-disable-line @typescript-eslint/no-explicit-any

  async function grant(openid: string, purpose: MessagePurpose, times = 1) {
    for (let index = 0; index < times; index += 1) {
      const reply = await call('authorize', { results: [{ purpose, result: 'accept' }] }, openid)
      if (!reply.ok) throw new Error(`authorize failed: ${JSON.stringify(reply)}`)
    }
  }

  async function creditsOf(openid: string, purpose: MessagePurpose): Promise<number> {
    const reply = await call('settings', {}, openid)
    return reply.data.items.find((item: { purpose: string }) => item.purpose === purpose).credits
  }

  /** Queues rows the way queueMessage does, without a state change (volume set-ups). */
  async function queueDirect(drafts: MessageDraft[], now: Date) {
    await env.cloud.store.insertMany(
      COLLECTIONS.notificationQueue,
      drafts.map((draft) => newOutboxRecord(draft, now)),
    )
  }

  return { call, outbox, drain, grant, creditsOf, queueDirect }
}

export const refillDraft = (toOpenid: string, index: number): MessageDraft => ({
  purpose: 'refill_reminder',
  toOpenid,
  key: `test:refill:${toOpenid}:${index}`,
  page: 'pages/refills/index',
  values: {
    productName: `测试滤芯 ${index}`,
    dueDate: '2026-11-30',
    tip: '快用完了，点此一键补货',
  },
})
