// Designer appointments: the merchant publishes time slots per designer, a consumer books one.
// Instants are UTC Dates in storage and ISO strings on the wire; formatting happens on the page.
import { fail, ok, type Result } from './result'
import { array, id, instant, integer, object, optional, string } from './validate'

export const SLOT_MINUTES = { min: 15, max: 240 } as const
export const MAX_SLOTS_PER_DEFINE = 50
/** Slots can be published at most this far ahead. */
export const SLOT_HORIZON_DAYS = 180
export const DESIGNER_NAME_MAX = 20
export const BOOKING_NOTE_MAX = 100
/** Bookings a user may hold that have not started yet. */
export const MAX_FUTURE_BOOKINGS = 3
export const SLOT_PAGE_SIZE = { default: 20, max: 50 } as const
/** The merchant's bookings view spans at most this many days per call. */
export const BOOKINGS_RANGE_MAX_DAYS = 31

const DAY_MS = 24 * 60 * 60 * 1000
const MINUTE_MS = 60 * 1000

export const SLOT_STATUSES = ['open', 'booked'] as const
export type SlotStatus = (typeof SLOT_STATUSES)[number]

export interface SlotRecord {
  _id: string
  designer: string
  startsAt: Date
  endsAt: Date
  minutes: number
  status: SlotStatus
  bookedBy: string | null
  bookedAt: Date | null
  note: string | null
  /** The caller's order the booking is about, with what the list shows of it (stored at booking). */
  orderId?: string | null
  orderNo?: string | null
  productName?: string | null
  createdBy: string
  createdAt: Date
}

/** A slot as anyone may see it. */
export interface SlotView {
  id: string
  designer: string
  startsAt: string
  endsAt: string
  minutes: number
  status: SlotStatus
}

/** A booked slot as its booker sees it. */
export interface BookingView extends SlotView {
  bookedAt: string | null
  note: string | null
  orderId: string | null
  orderNo: string | null
  productName: string | null
}

/** A booking about no order; also what a cancel leaves. */
export const NO_LINKED_ORDER = { orderId: null, orderNo: null, productName: null }

/** A booked slot as the merchant sees it. */
export interface MerchantBookingView extends BookingView {
  bookedBy: string | null
}

/** Range cursor: the last item of the previous page (ties on startsAt broken by id). */
export interface SlotCursor {
  startsAt: Date
  id: string
}

export interface Page<T> {
  items: T[]
  next: { startsAt: string; id: string } | null
}

export interface NewSlot {
  startsAt: Date
  minutes: number
  designer: string
}

const cursorInput = object({ startsAt: instant('分页位置时间'), id: id('分页位置编号') })
const limitInput = optional(integer({ label: '每页数量', min: 1, max: SLOT_PAGE_SIZE.max }))

/** One slot as defineSlots checks it; the merchant's 新增时段 form checks each with it too. */
export const slotInput = object({
  startsAt: instant('开始时间'),
  minutes: integer({ label: '时长（分钟）', ...SLOT_MINUTES }),
  designer: string({ label: '设计师', max: DESIGNER_NAME_MAX, oneLine: true }),
})
export const defineSlotsInput = object({
  slots: array(slotInput, { label: '时段', max: MAX_SLOTS_PER_DEFINE }),
})
export const listSlotsInput = object({ after: optional(cursorInput), limit: limitInput })
export const bookInput = object({
  slotId: id('时段编号'),
  note: optional(string({ label: '备注', min: 0, max: BOOKING_NOTE_MAX })),
  orderId: optional(id('订单编号')),
})
export const cancelInput = object({ slotId: id('时段编号') })
export const bookingsInput = object({
  from: instant('开始时间'),
  to: instant('结束时间'),
  after: optional(cursorInput),
  limit: limitInput,
})

export function slotEnd(slot: { startsAt: Date; minutes: number }): Date {
  return new Date(slot.startsAt.getTime() + slot.minutes * MINUTE_MS)
}

function overlaps(
  a: { startsAt: Date; endsAt: Date },
  b: { startsAt: Date; endsAt: Date },
): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt
}

/**
 * Checks a batch of new slots against the clock, each other and the designer's existing slots
 * (which the caller reads for the batch's designers and time span). The first problem wins and
 * names the slot by its position, so the merchant can find it in the form.
 */
export function checkNewSlots(
  slots: NewSlot[],
  existing: Pick<SlotRecord, 'designer' | 'startsAt' | 'endsAt'>[],
  now: Date,
): Result<null> {
  const horizon = now.getTime() + SLOT_HORIZON_DAYS * DAY_MS
  const spans = slots.map((slot) => ({ ...slot, endsAt: slotEnd(slot) }))
  for (const [index, slot] of spans.entries()) {
    const label = `第 ${index + 1} 个时段`
    if (slot.startsAt <= now) return fail('SLOT_PAST', `${label}的开始时间已经过去`)
    if (slot.startsAt.getTime() > horizon)
      return fail('INVALID_INPUT', `${label}太远了：最多提前 ${SLOT_HORIZON_DAYS} 天开放预约`)
    const twin = spans.findIndex(
      (other, at) => at < index && other.designer === slot.designer && overlaps(other, slot),
    )
    if (twin >= 0)
      return fail('SLOT_OVERLAP', `${label}与第 ${twin + 1} 个时段是同一设计师，时间重叠`)
    if (existing.some((other) => other.designer === slot.designer && overlaps(other, slot)))
      return fail('SLOT_OVERLAP', `${label}与设计师「${slot.designer}」已有的时段重叠`)
  }
  return ok(null)
}

/** The span of a batch, for reading the existing slots it could overlap. */
export function batchSpan(slots: NewSlot[]): { from: Date; to: Date; designers: string[] } {
  const starts = slots.map((slot) => slot.startsAt.getTime())
  const ends = slots.map((slot) => slotEnd(slot).getTime())
  return {
    from: new Date(Math.min(...starts)),
    to: new Date(Math.max(...ends)),
    designers: [...new Set(slots.map((slot) => slot.designer))],
  }
}

export function newSlotRecord(slot: NewSlot, merchant: string, now: Date): Omit<SlotRecord, '_id'> {
  return {
    designer: slot.designer,
    startsAt: slot.startsAt,
    endsAt: slotEnd(slot),
    minutes: slot.minutes,
    status: 'open',
    bookedBy: null,
    bookedAt: null,
    note: null,
    createdBy: merchant,
    createdAt: now,
  }
}

/** Why `openid` cannot book this slot now, or null when they can (or already hold it). */
export function bookingRefusal(slot: SlotRecord, openid: string, now: Date): Result<null> {
  if (slot.status === 'booked' && slot.bookedBy === openid) return ok(null)
  if (slot.startsAt <= now) return fail('SLOT_PAST')
  if (slot.status === 'booked') return fail('SLOT_TAKEN')
  return ok(null)
}

/** The merchant's range must be ordered and at most BOOKINGS_RANGE_MAX_DAYS long. */
export function checkBookingsRange(from: Date, to: Date): Result<null> {
  if (to <= from) return fail('INVALID_INPUT', '结束时间必须晚于开始时间')
  if (to.getTime() - from.getTime() > BOOKINGS_RANGE_MAX_DAYS * DAY_MS)
    return fail('INVALID_INPUT', `一次最多查询 ${BOOKINGS_RANGE_MAX_DAYS} 天`)
  return ok(null)
}

export function toSlotView(slot: SlotRecord): SlotView {
  return {
    id: slot._id,
    designer: slot.designer,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    minutes: slot.minutes,
    status: slot.status,
  }
}

export function toBookingView(slot: SlotRecord): BookingView {
  return {
    ...toSlotView(slot),
    bookedAt: slot.bookedAt ? slot.bookedAt.toISOString() : null,
    note: slot.note,
    orderId: slot.orderId ?? null,
    orderNo: slot.orderNo ?? null,
    productName: slot.productName ?? null,
  }
}

export function toMerchantBookingView(slot: SlotRecord): MerchantBookingView {
  return { ...toBookingView(slot), bookedBy: slot.bookedBy }
}

/** One page from `limit + 1` rows read in cursor order: the extra row only signals a next page. */
export function toPage<T>(
  rows: SlotRecord[],
  limit: number,
  view: (slot: SlotRecord) => T,
): Page<T> {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items: items.map(view),
    next:
      rows.length > limit && last ? { startsAt: last.startsAt.toISOString(), id: last._id } : null,
  }
}
