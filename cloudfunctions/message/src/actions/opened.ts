// message.opened — signed-in users; the page a sent message opened reports its `mid`. Counts the
// first open of the caller's own sent row: a transaction re-reads it and sets `opened` only if
// still unset, so repeats and racing opens write nothing more. Another's or an unknown id is
// NOT_FOUND; a row WeChat never confirmed (held, pending, dead) is ignored (counted: false).
import { messageOpenedSignal } from '@/domain/behaviour'
import type { OutboxRecord } from '@/domain/message-drafts'
import { openVerdict, type OpenVerdict } from '@/domain/message-opened'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import { messageApi } from '@/domain/api/message'
import { recordBehaviour } from '@/cloud/behaviour'
import { currentTime } from '@/cloud/clock'
import { db, inTransaction, readDoc } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'

const answer = (verdict: OpenVerdict) =>
  verdict === 'not_found' ? fail('NOT_FOUND', '消息不存在') : ok({ counted: verdict === 'count' })

export const opened = defineUserAction(messageApi.opened, async ({ messageId }, openid) => {
  // A cheap look first: a repeat, a stranger or an unsent row ends here with one read.
  const seen = await readDoc<OutboxRecord>(
    db.collection(COLLECTIONS.notificationQueue).doc(messageId),
  )
  const first = openVerdict(seen, openid)
  if (first !== 'count') return answer(first)
  const now = currentTime()
  const { verdict, row } = await inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.notificationQueue).doc(messageId)
    const current = await readDoc<OutboxRecord>(ref)
    const decided = openVerdict(current, openid)
    if (decided === 'count') await ref.update({ data: { opened: true, openedAt: now } })
    return { verdict: decided, row: current }
  })
  // Behaviour only for the open that counted; recordBehaviour respects 个性化推荐 and never throws.
  if (verdict === 'count' && row) await recordBehaviour(openid, [messageOpenedSignal(row, now)])
  return answer(verdict)
})
