// message.inbox — signed-in users; read-only. The caller's own messages (every queued message,
// sent or not), newest first, optionally for one order; a range cursor on (createdAt, _id).
import type { OutboxRecord } from '@/domain/message-drafts'
import { inAppLines } from '@/domain/message-format'
import { templateOf } from '@/domain/message-templates'
import type { InAppMessage } from '@/domain/messages'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { command, db, readList } from '@/cloud/database'
import { cursorOf } from '@/domain/cursor'
import { messageApi } from '@/domain/api/message'
import { defineUserAction } from '@/cloud/router'

export function inAppMessageOf(row: OutboxRecord): InAppMessage {
  const template = templateOf(row.purpose)
  return {
    id: row._id,
    purpose: row.purpose,
    title: template.title,
    lines: inAppLines(template, row.values),
    page: row.page,
    status: row.status,
    holdReason: row.status === 'held' ? (row.holdReason ?? null) : null,
    createdAt: row.createdAt,
  }
}

export const inbox = defineUserAction(messageApi.inbox, async (input, openid) => {
  const { orderId, cursor, limit = 10 } = input ?? {}
  const where: Record<string, unknown> = { toOpenid: openid }
  if (orderId) where.orderId = orderId
  const after = cursor
    ? command.or([
        { createdAt: command.lt(new Date(cursor.value)) },
        { createdAt: new Date(cursor.value), _id: command.lt(cursor.id) },
      ])
    : null
  const rows = await readList<OutboxRecord>(
    db
      .collection(COLLECTIONS.notificationQueue)
      .where(after ? command.and([where, after]) : where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(limit),
  )
  const last = rows[rows.length - 1]
  const nextCursor =
    rows.length === limit && last
      ? cursorOf(new Date(last.createdAt).toISOString(), last._id)
      : null
  return ok({ items: rows.map(inAppMessageOf), nextCursor })
})
