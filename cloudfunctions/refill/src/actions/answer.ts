// The customer's answers to a reminder (snooze, adjustCycle, stop) — signed-in consumers, on
// their own refills only: the document id is built from the caller's OPENID, and the owner is
// checked too, since `<openid>_<productId>` alone could spell someone else's id. One transaction re-reads the refill and applies the
// domain rule, so concurrent answers each see the other's result; a repeat is harmless.
import { fail, ok, type Result } from '@/domain/result'
import { refillIdOf, type RefillRecord } from '@/domain/refill'
import { toRefillView, type RefillView } from '@/domain/refill-view'
import { readDoc, inTransaction, withoutId } from '@/cloud/database'
import { currentTime } from '@/cloud/clock'
import { refillRef } from '@/cloud/refills'
import { recordBehaviour } from '@/cloud/behaviour'
import { refillAnswerSignal, type RefillAnswer } from '@/domain/behaviour'

export async function answerRefill(
  openid: string,
  productId: string,
  answer: RefillAnswer,
  change: (record: RefillRecord, now: Date) => RefillRecord,
): Promise<Result<{ refill: RefillView }>> {
  const now = currentTime()
  const answered = await inTransaction(async (transaction) => {
    const ref = refillRef(transaction, refillIdOf(openid, productId))
    const record = await readDoc<RefillRecord>(ref)
    if (!record || record.ownerOpenid !== openid) return fail('NOT_FOUND', '没有这件商品的补货记录')
    const next = change(record, now)
    await ref.set({ data: withoutId(next) })
    return ok({ refill: toRefillView(next) })
  })
  // Behaviour (issue 19), after the answer is stored: unless personalisation is off.
  if (answered.ok) await recordBehaviour(openid, [refillAnswerSignal(productId, answer)])
  return answered
}
