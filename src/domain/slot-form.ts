// The merchant's 新增时段 form: a slot as picked (China date and time), the payload defineSlots
// takes for it, and the check of the next slot by defineSlots' own rules, so the form refuses
// what publishing would, before the merchant has queued a batch.
import { checkNewSlots, slotInput } from './appointment'
import { fail, ok, type Result } from './result'

export interface SlotDraft {
  designer: string
  /** China date and time, as the merchant picked them. */
  date: string
  time: string
  minutes: number
}

export const slotPayload = (slot: SlotDraft) => ({
  startsAt: `${slot.date}T${slot.time}:00+08:00`,
  minutes: slot.minutes,
  designer: slot.designer,
})

/**
 * The next slot checked as defineSlots will check it: its fields, then the batch it joins against
 * the clock and itself (the designer's published slots are checked when the batch is published).
 */
export function checkNextSlot(pending: SlotDraft[], next: SlotDraft, now: Date): Result<SlotDraft> {
  const checked = slotInput(slotPayload(next), '')
  if (!checked.ok) return fail('INVALID_INPUT', checked.message, checked.path)
  const slots = [...pending, next].flatMap((slot) => {
    const one = slotInput(slotPayload(slot), '')
    return one.ok ? [one.value] : []
  })
  const fits = checkNewSlots(slots, [], now)
  return fits.ok ? ok({ ...next, designer: checked.value.designer }) : fits
}
