// merchant.csInbox — merchants only; read-only. Customers' 客服 chats, newest message first
// (range cursor on (lastMessageAt, _id)), each with its order and its latest messages, marked
// answered automatically or waiting for a person.
import { cursorOf } from '@/domain/cursor'
import { CS_MESSAGES_PER_SESSION, csSessionView } from '@/domain/cs-inbox-view'
import type { CsMessageRecord, CsSessionRecord } from '@/domain/customer-service'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { command, db, readList } from '@/cloud/database'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'

// One enter event may sit among the newest rows: read one more than shown.
const newestMessages = (openid: string) =>
  readList<CsMessageRecord>(
    db
      .collection(COLLECTIONS.csMessages)
      .where({ openid })
      .orderBy('at', 'desc')
      .limit(CS_MESSAGES_PER_SESSION + 1),
  )

export const csInbox = defineMerchantAction(merchantApi.csInbox, async (input) => {
  const { cursor, limit = 20 } = input ?? {}
  const sessions = db.collection(COLLECTIONS.csSessions)
  const query = cursor
    ? sessions.where(
        command.or([
          { lastMessageAt: command.lt(new Date(cursor.value)) },
          { lastMessageAt: new Date(cursor.value), _id: command.lt(cursor.id) },
        ]),
      )
    : // Every chat, stated as a range on the sorted field so the index serves it.
      sessions.where({ lastMessageAt: command.gt(new Date(0)) })
  const rows = await readList<CsSessionRecord>(
    query.orderBy('lastMessageAt', 'desc').orderBy('_id', 'desc').limit(limit),
  )
  const messages = await Promise.all(rows.map((row) => newestMessages(row._id)))
  const last = rows[rows.length - 1]
  const nextCursor =
    rows.length === limit && last
      ? cursorOf(new Date(last.lastMessageAt).toISOString(), last._id)
      : null
  return ok({ items: rows.map((row, i) => csSessionView(row, messages[i] ?? [])), nextCursor })
})
