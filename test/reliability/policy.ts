// THE authorisation policy: for every action in names.ts, what each caller gets when it calls
// the action on the owner's resources (consumer A owns them). `ok` = allowed; a code = refused
// with that code and nothing written. Others' resources answer NOT_FOUND (never FORBIDDEN), so a
// stranger cannot even learn that an id exists. The type requires an entry for every action.
import type { ErrorCode } from '@/domain/errors'
import type { ACTIONS } from '@/domain/names'
import type { Role } from './harness'

export type Outcome =
  | 'ok'
  | Extract<
      ErrorCode,
      'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'COUPON_UNUSABLE' | 'ALREADY_STAFF'
    >
export type RolePolicy = Record<Role, Outcome>

// A staff member (张师傅) is a signed-in user with no orders: everywhere but in the visit
// function they get what "other" gets.
/** Anyone, even without an OPENID (catalogue reads, quotes). */
const ANYONE: RolePolicy = {
  anonymous: 'ok',
  other: 'ok',
  owner: 'ok',
  merchant: 'ok',
  staff: 'ok',
}
/** Any signed-in user, acting on their own data only. */
const SIGNED_IN: RolePolicy = {
  anonymous: 'UNAUTHENTICATED',
  other: 'ok',
  owner: 'ok',
  merchant: 'ok',
  staff: 'ok',
}
/** The owner of the resource; everyone else is told it does not exist. */
const OWNER_ONLY: RolePolicy = {
  anonymous: 'UNAUTHENTICATED',
  other: 'NOT_FOUND',
  owner: 'ok',
  merchant: 'NOT_FOUND',
  staff: 'NOT_FOUND',
}
/** The owner, or the shop's merchant (who serves every order). */
const OWNER_OR_MERCHANT: RolePolicy = {
  anonymous: 'UNAUTHENTICATED',
  other: 'NOT_FOUND',
  owner: 'ok',
  merchant: 'ok',
  staff: 'NOT_FOUND',
}
/** Merchant accounts only (the merchants collection, checked on every call). */
const MERCHANT_ONLY: RolePolicy = {
  anonymous: 'UNAUTHENTICATED',
  other: 'FORBIDDEN',
  owner: 'FORBIDDEN',
  merchant: 'ok',
  staff: 'FORBIDDEN',
}
/**
 * Staff accounts (a `staff` row with the caller's OPENID): the demo merchant has one too (the
 * owner keeps every right), so 我的任务 answers them; a visit of 张师傅's is his alone.
 */
const STAFF_ONLY: RolePolicy = { ...MERCHANT_ONLY, staff: 'ok' }
const ASSIGNED_STAFF: RolePolicy = { ...MERCHANT_ONLY, merchant: 'NOT_FOUND', staff: 'ok' }
/** An invite code: any signed-in user who is not staff yet (the merchant has a staff row too). */
const NOT_YET_STAFF: RolePolicy = {
  ...SIGNED_IN,
  merchant: 'ALREADY_STAFF',
  staff: 'ALREADY_STAFF',
}

type PolicyTable = { [F in keyof typeof ACTIONS]: Record<keyof (typeof ACTIONS)[F], RolePolicy> }

export const POLICY: PolicyTable = {
  user: {
    me: SIGNED_IN,
    role: SIGNED_IN,
    exportData: SIGNED_IN,
    deleteData: SIGNED_IN,
    home: SIGNED_IN,
    personalisation: SIGNED_IN,
    setPersonalisation: SIGNED_IN,
  },
  catalog: { list: ANYONE, get: ANYONE },
  profile: {
    consent: SIGNED_IN,
    consentStatus: SIGNED_IN,
    save: OWNER_ONLY, // with the owner's profile id
    list: SIGNED_IN,
    remove: OWNER_ONLY,
  },
  appointment: {
    defineSlots: MERCHANT_ONLY,
    listSlots: ANYONE,
    book: SIGNED_IN, // an open slot
    cancel: OWNER_OR_MERCHANT, // the owner's booking
    mine: SIGNED_IN,
    bookings: MERCHANT_ONLY,
  },
  order: {
    quote: ANYONE,
    create: SIGNED_IN,
    reorder: OWNER_ONLY,
    detail: OWNER_OR_MERCHANT,
    mine: SIGNED_IN,
    board: MERCHANT_ONLY,
    act: OWNER_OR_MERCHANT, // event cancel on a submitted order
    pay: OWNER_ONLY, // the owner's unpaid order
    coupons: SIGNED_IN, // the caller's own coupons
    requestAfterSales: OWNER_ONLY, // on the owner's delivered order
    afterSales: OWNER_OR_MERCHANT,
    withdrawAfterSales: OWNER_ONLY, // the owner's unanswered request
    sendAfterSalesItem: OWNER_ONLY, // 寄回信息 on the owner's accepted request
    rateOrder: OWNER_ONLY, // the owner's completed shirt, not yet rated
    rating: OWNER_OR_MERCHANT, // the owner's rated order
  },
  message: {
    authorize: SIGNED_IN,
    settings: SIGNED_IN,
    setPreference: SIGNED_IN,
    inbox: SIGNED_IN,
    opened: OWNER_ONLY, // the owner's sent message
    deadLetters: MERCHANT_ONLY,
  },
  merchant: {
    actMany: MERCHANT_ONLY,
    stock: MERCHANT_ONLY,
    saveMaterial: MERCHANT_ONLY,
    adjustStock: MERCHANT_ONLY,
    flagStockOut: MERCHANT_ONLY,
    batches: MERCHANT_ONLY,
    closeBatch: MERCHANT_ONLY,
    cancelBatch: MERCHANT_ONLY,
    dashboard: MERCHANT_ONLY,
    merchants: MERCHANT_ONLY,
    addMerchant: MERCHANT_ONLY,
    removeMerchant: MERCHANT_ONLY,
    refundOrder: MERCHANT_ONLY, // a partial refund of the owner's paid order
    retryRefund: MERCHANT_ONLY, // a refund WeChat refused
    reconciliation: MERCHANT_ONLY,
    failedRefunds: MERCHANT_ONLY,
    afterSalesQueue: MERCHANT_ONLY,
    decideAfterSales: MERCHANT_ONLY, // the owner's unanswered request
    decideAfterSalesMany: MERCHANT_ONLY, // the owner's unanswered requests, in one batch
    csInbox: MERCHANT_ONLY, // customers' 客服 messages
    csReply: MERCHANT_ONLY, // a reply in the owner's 客服 chat
    insights: MERCHANT_ONLY, // the shop's funnels and demand signals
  },
  refill: {
    mine: SIGNED_IN,
    snooze: OWNER_ONLY,
    adjustCycle: OWNER_ONLY,
    stop: OWNER_ONLY,
    careTasks: SIGNED_IN, // the caller's own tasks only (another's order lists nothing)
    snoozeCare: OWNER_ONLY,
    stopCare: OWNER_ONLY,
  },
  // No actions: WeChat's callbacks only (any call with an OPENID is refused; authz-matrix.test.ts).
  payment: {},
  // No actions: WeChat's 客服 message push only (a client's call is refused; test/cloud/service-push.test.ts).
  service: {},
  visit: {
    windows: OWNER_ONLY, // for the owner's curtain ordered with 上门测量安装
    book: OWNER_ONLY,
    mine: SIGNED_IN,
    reschedule: OWNER_OR_MERCHANT, // the owner's booked visit; the merchant is the shop's owner
    cancel: OWNER_OR_MERCHANT,
    rate: OWNER_ONLY, // the owner's done visit, not yet rated
    dispatch: MERCHANT_ONLY,
    assign: MERCHANT_ONLY, // the owner's requested visit
    tasks: STAFF_ONLY,
    act: ASSIGNED_STAFF, // 张师傅's scheduled visit, on its day
    report: ASSIGNED_STAFF, // 张师傅's arrived visit, his photos
    confirmSizes: OWNER_ONLY, // the owner's done measuring visit with reported sizes
    staff: MERCHANT_ONLY,
    saveStaff: MERCHANT_ONLY, // a new person
    setHours: STAFF_ONLY, // 张师傅's own day: the owner sets anyone's, staff their own
    joinStaff: NOT_YET_STAFF, // a fresh code (an earlier cell's consumer is stood down first)
  },
}

/** Extra payloads of one action whose policy differs from its main entry (e.g. order.act events). */
export const VARIANTS: {
  fn: keyof typeof ACTIONS
  action: string
  name: string
  policy: RolePolicy
}[] = [
  {
    fn: 'order',
    action: 'act',
    name: 'confirm',
    policy: { ...MERCHANT_ONLY, other: 'NOT_FOUND', staff: 'NOT_FOUND' },
  },
  // Someone else's coupon on one's own order: refused as unusable, nothing written.
  {
    fn: 'order',
    action: 'create',
    name: 'coupon',
    policy: {
      ...OWNER_ONLY,
      other: 'COUPON_UNUSABLE',
      merchant: 'COUPON_UNUSABLE',
      staff: 'COUPON_UNUSABLE',
    },
  },
  // A quote with a coupon answers anyone; only the owner's quote prices it (order-coupons test).
  { fn: 'order', action: 'quote', name: 'coupon', policy: ANYONE },
]

export function policyOf(fn: string, action: string): RolePolicy | undefined {
  const table = (POLICY as Record<string, Record<string, RolePolicy>>)[fn]
  return table && Object.prototype.hasOwnProperty.call(table, action) ? table[action] : undefined
}
