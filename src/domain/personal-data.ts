// A consumer's personal data rights (PIPL arts. 45 and 47): export everything personal we hold
// about them, and delete it. Orders are not deleted: they keep their address snapshot, which the
// merchant needs for delivery, after-sales and tax records; everything else personal goes.
import { fail, ok, type Result } from './result'
import { boolean, noPayload, object } from './validate'

/** Orders (with their address snapshot) included in one export, most recent first. */
export const EXPORT_ORDER_LIMIT = 100
/** Other lists (bookings, subscriptions, refills, care tasks, coupons, ratings, visits, behaviour events) included in one export. */
export const EXPORT_LIST_LIMIT = 100

export const exportDataInput = noPayload

export const deleteDataInput = object({ confirm: boolean('确认删除') })

/** Deleting needs an explicit `confirm: true`: a stray call erases nothing. */
export function requireConfirmation(input: { confirm: boolean }): Result<true> {
  return input.confirm
    ? ok(true)
    : fail('INVALID_INPUT', '删除个人数据前请先确认，删除后无法恢复', 'confirm')
}

/** What user.exportData returns: the caller's own records, instants as ISO strings. */
export interface PersonalDataExport {
  exportedAt: string
  openid: string
  user: Record<string, unknown> | null
  consents: Record<string, unknown>[]
  measurementProfiles: Record<string, unknown>[]
  /** Addresses as used on each order (the snapshot the order keeps). */
  orderAddresses: { orderId: string; orderNo: string; createdAt: string; address: unknown }[]
  bookings: Record<string, unknown>[]
  subscriptions: Record<string, unknown>[]
  refills: Record<string, unknown>[]
  /** Care reminders of delivered made goods (care.ts). */
  careTasks: Record<string, unknown>[]
  /** Coupons as stored, used ones too (older records name the owner `toOpenid`). */
  coupons: Record<string, unknown>[]
  /** After-sales requests with what was written in them (kept with their orders on delete). */
  afterSales: Record<string, unknown>[]
  /** Ratings of the caller's orders, with their text (kept with their orders on delete). */
  ratings: Record<string, unknown>[]
  /** Home visits with their address, report and rating (kept with their orders on delete). */
  visits: Record<string, unknown>[]
  /** The 个性化推荐 switch and the counts behind 为你推荐 (null: none kept). */
  preferences: Record<string, unknown> | null
  /** Raw behaviour events (views, options chosen, orders placed, refill answers), newest first. */
  behaviourEvents: Record<string, unknown>[]
  /** What the caller wrote in the 客服 chat and the automatic answers, newest first. */
  customerService: Record<string, unknown>[]
  /** true when a list hit its limit (contact the merchant for the rest). */
  truncated: boolean
}

/** What user.deleteData removed, per kind. Orders are kept (see above). */
export interface PersonalDataDeletion {
  measurementProfiles: number
  consents: number
  subscriptions: number
  refills: number
  careTasks: number
  /** Coupons, unused ones too: a coupon names its owner, so it cannot stay. */
  coupons: number
  /** The preference document (an "off" switch is kept, with nothing else, so it stays off). */
  preferences: number
  behaviourEvents: number
  /** 客服 chat messages and the chat itself. */
  customerService: number
  bookingsReleased: number
  user: number
  ordersKept: true
}

/** Dates become ISO strings, so the export is plain JSON the user can keep. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toPlain)
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlain(item)]))
  return value
}
