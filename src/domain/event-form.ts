// The merchant's form behind one order event, checked by that event's own server check
// (order-input.ts eventInputChecks): the form refuses exactly what order.act would, with the same
// message, and names the field it is about. Money is typed in yuan and sent in fen.
import { yuanToFen } from './money'
import { eventInputChecks, type EventContext, type EventPayloads } from './order-input'
import { REMEDY_TYPES, type ExceptionKind, type OrderEvent, type RemedyType } from './order-types'
import type { Checked } from './validate'

export interface EventFormFields {
  note: string
  photos: readonly string[]
  carrier: string
  trackingNo: string
  /** The new ETA (set_eta) or the new date a wait_new_eta remedy offers. */
  eta: string
  kind: ExceptionKind
  remedies: readonly RemedyType[]
  couponYuan: string
}

/** What order.act is sent for `event`, built from the form's fields (only what the event takes). */
export function eventPayload<E extends OrderEvent>(
  event: E,
  fields: EventFormFields,
): EventPayloads[E] {
  const input: Record<string, unknown> = {}
  const note = fields.note.trim()
  if (note) input.note = note
  if (fields.photos.length > 0) input.photos = [...fields.photos]
  if (event === 'ship') {
    input.carrier = fields.carrier.trim()
    input.trackingNo = fields.trackingNo.trim()
  }
  if (event === 'set_eta') input.eta = fields.eta
  if (event === 'flag_exception') {
    input.kind = fields.kind
    input.offered = REMEDY_TYPES.filter((type) => fields.remedies.includes(type)).map((type) =>
      type === 'wait_new_eta'
        ? { type, newEta: fields.eta }
        : type === 'coupon'
          ? { type, amountFen: yuanToFen(fields.couponYuan) }
          : { type },
    )
  }
  return input as EventPayloads[E]
}

/**
 * The form's payload, or the first field the server's check would refuse. The merchant sends
 * it; the phone does not know the cloud environment, so photo ids are checked by their shape
 * here and against the environment in the function.
 */
export function checkEventForm<E extends OrderEvent>(
  event: E,
  fields: EventFormFields,
  ctx: Omit<EventContext, 'photos'>,
): Checked<EventPayloads[E]> {
  const payload = eventPayload(event, fields)
  const photos = { role: 'merchant', scope: 'shape' } as const
  const checked = eventInputChecks({ ...ctx, photos })[event](payload, '')
  return checked.ok ? { ok: true, value: payload } : checked
}
