// appointment.cancel — the booker or a merchant (anyone else: NOT_FOUND). Re-read and freed in
// one transaction; an already open slot (a retry) answers ok without a write.
import { NO_LINKED_ORDER, toSlotView, type SlotRecord } from '@/domain/appointment'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import { inTransaction, readDoc } from '@/cloud/database'
import { isMerchant } from '@/cloud/merchants'
import { appointmentApi } from '@/domain/api/appointment'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const cancel = defineUserAction(appointmentApi.cancel, async (input, openid) => {
  const now = currentTime()
  return inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.appointmentSlots).doc(input.slotId)
    const slot = await readDoc<SlotRecord>(ref)
    if (slot === null) return fail('NOT_FOUND', '这个时段不存在')
    if (slot.status === 'open') return ok(toSlotView(slot))
    if (slot.bookedBy !== openid && !(await isMerchant(openid)))
      return fail('NOT_FOUND', '没有找到你的这个预约')
    if (slot.startsAt <= now) return fail('SLOT_PAST', '已开始的预约不能取消')
    const freed = {
      status: 'open' as const,
      bookedBy: null,
      bookedAt: null,
      note: null,
      ...NO_LINKED_ORDER,
    }
    await ref.update({ data: freed })
    return ok(toSlotView({ ...slot, ...freed }))
  })
})
