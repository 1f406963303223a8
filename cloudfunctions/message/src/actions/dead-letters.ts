// message.deadLetters — merchants only; read-only. Messages WeChat refused for good, with the
// reason, newest first (range cursor on (deadAt, _id)). OPENIDs are masked.
import type { OutboxRecord } from '@/domain/message-drafts'
import { templateOf } from '@/domain/message-templates'
import type { DeadLetterView } from '@/domain/messages'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { command, db, readList } from '@/cloud/database'
import { cursorOf } from '@/domain/cursor'
import { messageApi } from '@/domain/api/message'
import { defineMerchantAction } from '@/cloud/router'

export function maskOpenid(openid: string): string {
  return openid.length <= 6 ? '***' : `${openid.slice(0, 4)}***${openid.slice(-2)}`
}

function viewOf(row: OutboxRecord): DeadLetterView {
  return {
    id: row._id,
    purpose: row.purpose,
    title: templateOf(row.purpose).title,
    orderNo: row.orderNo,
    to: maskOpenid(row.toOpenid),
    errcode: row.errcode,
    reason: row.reason,
    attempts: row.attempts,
    createdAt: row.createdAt,
    deadAt: row.deadAt ?? row.updatedAt,
  }
}

export const deadLetters = defineMerchantAction(messageApi.deadLetters, async (input) => {
  const { cursor, limit = 20 } = input ?? {}
  const after = cursor
    ? command.or([
        { deadAt: command.lt(new Date(cursor.value)) },
        { deadAt: new Date(cursor.value), _id: command.lt(cursor.id) },
      ])
    : null
  const rows = await readList<OutboxRecord>(
    db
      .collection(COLLECTIONS.notificationQueue)
      .where(after ? command.and([{ status: 'dead' }, after]) : { status: 'dead' })
      .orderBy('deadAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(limit),
  )
  const last = rows[rows.length - 1]
  const nextCursor =
    rows.length === limit && last?.deadAt
      ? cursorOf(new Date(last.deadAt).toISOString(), last._id)
      : null
  return ok({ items: rows.map(viewOf), nextCursor })
})
