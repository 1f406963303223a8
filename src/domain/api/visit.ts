// Contracts of the visit function (docs/visits.md): the customer's booking, the owner's dispatch,
// the staff member's tasks and report. Identities never travel in a payload: the function reads
// the caller from getWXContext() and the staff account from the `staff` collection.
import { isChinaDate, type ChinaDate } from '../china-date'
import { customerPhotosCheck } from '../customer-photos'
import { MEASUREMENT_KEY, profileNameCheck } from '../measurement-profile'
import { FUNCTIONS } from '../names'
import type { Measurement } from '../product-schema'
import { REQUEST_ID_PATTERN } from '../new-order'
import {
  decimal,
  id,
  instant,
  integer,
  invalid,
  object,
  oneOf,
  optional,
  record,
  string,
  valid,
  withDefault,
  type Check,
} from '../validate'
import type { Assignment, OpenWindow } from '../visit-assign'
import type { VisitOrderView, VisitView } from '../visit-booking'
import { CHINA_BOUNDS, LOCATION_NAME_MAX, VISIT_KINDS, type VisitKind } from '../visit-types'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.visit)

/** A finite number within [min, max]: one coordinate of a place in China. */
const coordinate =
  (label: string, { min, max }: { min: number; max: number }): Check<number> =>
  (value, path) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
      ? valid(value)
      : invalid(path, `${label}不在中国境内`)
const location = object({
  latitude: coordinate('纬度', CHINA_BOUNDS.latitude),
  longitude: coordinate('经度', CHINA_BOUNDS.longitude),
  name: optional(string({ label: '地点名称', min: 0, max: LOCATION_NAME_MAX, oneLine: true })),
})

export const chinaDate: Check<ChinaDate> = (value, path) =>
  isChinaDate(value) ? valid(value) : invalid(path, '日期格式应为 YYYY-MM-DD')
const pattern =
  (label: string, shape: RegExp): Check<string> =>
  (value, path) =>
    typeof value === 'string' && shape.test(value)
      ? valid(value)
      : invalid(path, `${label}格式不正确`)

/** Made by the phone once per form: a retry after a lost answer is applied once. */
const requestId = pattern('请求编号', REQUEST_ID_PATTERN)
/** Made by the 上门报告 form when it opens and kept with the report on the phone. */
export const REPORT_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/
const visitId = id('上门预约')
const kind = oneOf('上门服务', VISIT_KINDS)
const version = integer({ label: '预约版本', min: 1, max: 1_000_000 })
const score = (label: string) => integer({ label, min: 1, max: 5 })
/** Sizes in cm, keyed by the product's measurement ids; the function checks them against it. */
const sizes = record(decimal({ label: '尺寸', min: 1, max: 1000, decimals: 1 }), {
  label: '测量尺寸',
  key: MEASUREMENT_KEY,
  maxKeys: 30,
})
export const VISIT_NOTE_MAX = 200
/** The staff member acts on the way; finishing is the report. */
export const STAFF_EVENTS = ['set_out', 'arrive'] as const

type Visit = { visit: VisitView }
/** One visit of the dispatch view, with who the automatic assignment picks and why. */
export interface DispatchItem {
  visit: VisitView
  /** The order's contact name (林晓); null when the order is gone. */
  customer: string | null
  /** Who holds it now (改派 lists everyone else). */
  staffId: string | null
  assignment: Assignment
}
/** One active staff member on the dispatch view's day (派单's 师傅 list). */
export interface DispatchStaff {
  id: string
  name: string
  skills: VisitKind[]
  districts: string[]
  /** That day's working hours, 'HH:mm–HH:mm' in China time; empty: not working that day. */
  hours: string[]
  /** Visits holding their time that day. */
  visits: number
}
/** One visit of 我的任务, with what the staff member needs of the order. */
export interface TaskItem {
  visit: VisitView
  order: {
    orderNo: string
    productName: string
    /** "面料：涤纶全遮光", the measurements and texts, as the order shows them. */
    details: { label: string; value: string }[]
    contact: { name: string; phone: string }
    /** The order's history, oldest first. */
    history: { node: string; at: Date; note: string }[]
    /** What a measuring visit measures: the product's measurements (empty for other visits). */
    sizes: Pick<Measurement, 'id' | 'label' | 'unit' | 'min' | 'max' | 'step'>[]
  } | null
}

export const visitApi = {
  windows: action(
    'windows',
    object({ orderId: id('订单'), kind, date: chinaDate, afterSalesId: optional(id('售后申请')) }),
    returns<{ windows: OpenWindow[] }>(),
  ),
  /** A repair's visit names its accepted after-sales request (`afterSalesId`). */
  book: action(
    'book',
    object({
      orderId: id('订单'),
      kind,
      start: instant('上门时间'),
      requestId,
      afterSalesId: optional(id('售后申请')),
      /** Pinned on the map (weapp only): the staff member's 导航 opens it. */
      location: optional(location),
    }),
    returns<Visit & { assigned: boolean }>(),
  ),
  /** With `orderId`, also the order's visit services (null: not the caller's order). */
  mine: action(
    'mine',
    object({ orderId: optional(id('订单')) }),
    returns<{ visits: VisitView[]; order: VisitOrderView | null }>(),
  ),
  reschedule: action(
    'reschedule',
    object({ visitId, start: instant('上门时间'), expectedVersion: version }),
    returns<Visit>(),
  ),
  cancel: action(
    'cancel',
    object({ visitId, expectedVersion: optional(version) }),
    returns<Visit>(),
  ),
  rate: action(
    'rate',
    object({
      visitId,
      punctuality: score('准时'),
      professionalism: score('专业'),
    }),
    returns<Visit>(),
  ),
  /** `date` answers which China day was read: today on the cloud's clock by default. */
  dispatch: action(
    'dispatch',
    object({ date: optional(chinaDate) }),
    returns<{ date: ChinaDate; items: DispatchItem[]; staff: DispatchStaff[] }>(),
  ),
  /** Without `staffId` the automatic choice (visit-assign.ts chooseStaff). */
  assign: action(
    'assign',
    object({ visitId, staffId: optional(id('师傅')), expectedVersion: version }),
    returns<Visit>(),
  ),
  /** `date` answers which China day was read: today on the cloud's clock by default. */
  tasks: action(
    'tasks',
    object({ date: optional(chinaDate) }),
    returns<{ date: ChinaDate; items: TaskItem[] }>(),
  ),
  act: action(
    'act',
    object({ visitId, event: oneOf('操作', STAFF_EVENTS), expectedVersion: version }),
    returns<Visit & { already: boolean }>(),
  ),
  report: action(
    'report',
    object({
      visitId,
      reportId: pattern('报告编号', REPORT_ID_PATTERN),
      measurements: withDefault(sizes, {}),
      photos: customerPhotosCheck,
      note: withDefault(string({ label: '备注', min: 0, max: VISIT_NOTE_MAX }), ''),
    }),
    returns<Visit & { already: boolean }>(),
  ),
  /** With `profileName`, the sizes are also saved as a measurement profile (needs consent). */
  confirmSizes: action(
    'confirmSizes',
    object({ visitId, profileName: optional(profileNameCheck) }),
    returns<Visit & { profileId: string | null }>(),
  ),
}
