// When a message may go out and what a send's answer means: the credit ledger, quiet hours, the
// daily cap, the retry schedule and WeChat error classification. Pure: the notifier applies them.
import { chinaDateOf, chinaDayRange } from './china-date'
import {
  type AlwaysSetting,
  type AuthorizationResult,
  type HoldReason,
  type MessagePurpose,
} from './messages'

/** One (user, purpose) row of the `subscriptions` collection. */
export interface SubscriptionRecord {
  _id: string
  ownerOpenid: string
  purpose: MessagePurpose
  /** One-time send credits left: each accept +1, each send -1, 43101 -> 0; never negative. */
  credits: number
  enabled: boolean
  always: AlwaysSetting | null
  refused: boolean
  acceptedTotal: number
  sentTotal: number
  /** Where the last accept came from (getWXContext SOURCE): accepts are the client's word. */
  lastAcceptSource?: string
  updatedAt: Date
}

/**
 * Unused credits one purpose may hold: more than a person plausibly grants by tapping (each tap
 * asks once), so a client replaying accepts cannot pile up credits WeChat would answer 43101 to.
 */
export const MAX_CREDITS_PER_PURPOSE = 20

export function subscriptionId(openid: string, purpose: MessagePurpose): string {
  return `${openid}__${purpose}`
}

/** The user's switches that cover every purpose; stored beside the ledger rows. */
export interface MessagePrefsRecord {
  _id: string
  ownerOpenid: string
  purpose: null
  /** getSetting's mainSwitch; false stops every send. */
  mainSwitch: boolean
  quietHoursOptIn: boolean
  updatedAt: Date
}

export function prefsId(openid: string): string {
  return `${openid}__prefs`
}

export function defaultPrefs(openid: string, now: Date): MessagePrefsRecord {
  return {
    _id: prefsId(openid),
    ownerOpenid: openid,
    purpose: null,
    mainSwitch: true,
    quietHoursOptIn: false,
    updatedAt: now,
  }
}

export function emptySubscription(
  openid: string,
  purpose: MessagePurpose,
  now: Date,
): SubscriptionRecord {
  return {
    _id: subscriptionId(openid, purpose),
    ownerOpenid: openid,
    purpose,
    credits: 0,
    enabled: true,
    always: null,
    refused: false,
    acceptedTotal: 0,
    sentTotal: 0,
    updatedAt: now,
  }
}

/**
 * One requestSubscribeMessage answer for one purpose, reported from `source`. A refused purpose
 * is never asked again, so an accept for it counts only beside getSetting's view (`always`): a
 * bare replayed accept neither adds a credit nor clears a ban.
 */
export function afterAuthorization(
  record: SubscriptionRecord,
  result: AuthorizationResult,
  always: AlwaysSetting | null | undefined,
  now: Date,
  source = 'wx_client',
): SubscriptionRecord {
  const next = { ...record, updatedAt: now }
  if (always !== undefined) next.always = always
  if (result === 'accept' && (always !== undefined || !record.refused)) {
    next.credits = Math.min(next.credits + 1, MAX_CREDITS_PER_PURPOSE)
    next.acceptedTotal += 1
    next.lastAcceptSource = source
    next.refused = false
  }
  // ban, or "always" + reject: WeChat will not show the popup again; the app must not ask.
  if (result === 'ban' || (result === 'reject' && next.always === 'reject')) next.refused = true
  if (next.always === 'ban') next.refused = true
  return next
}

/** getSetting's "always" choice alone (no popup answer): reject or ban means never ask again. */
export function afterAlwaysSetting(
  record: SubscriptionRecord,
  always: AlwaysSetting,
  now: Date,
): SubscriptionRecord {
  return { ...record, always, refused: always !== 'accept', updatedAt: now }
}

/** The row's `reason` (merchant-facing detail). */
export const HOLD_REASONS: Record<HoldReason, string> = {
  no_credit: '没有可用的订阅次数，仅在小程序内显示',
  disabled: '用户关闭了此类消息，仅在小程序内显示',
  main_off: '用户关闭了订阅消息总开关，仅在小程序内显示',
  daily_cap: '已达今日消息上限，仅在小程序内显示',
  interrupted: '发送中断，结果未知：为避免重复不再重发，消息已在小程序内显示',
}

/** Short names, for the merchant dashboard's breakdown. */
export const HOLD_REASON_NAMES: Record<HoldReason, string> = {
  no_credit: '订阅次数不足',
  disabled: '关闭了此类消息',
  main_off: '关闭了消息总开关',
  daily_cap: '达到每日上限',
  interrupted: '发送中断',
}

/** What the customer's message list says under a held message. */
export const HELD_LABELS: Record<HoldReason, string> = {
  no_credit: '未推送：订阅次数不足',
  disabled: '未推送：你关闭了此类消息',
  main_off: '未推送：你关闭了订阅消息',
  daily_cap: '未推送：已达今日消息上限',
  interrupted: '未推送：发送中断，未重发',
}

/** Rows held before the reason was stored say only that they were not pushed. */
export function heldLabelOf(reason: HoldReason | null | undefined): string {
  return reason ? HELD_LABELS[reason] : '未推送：仅在小程序内显示'
}

export function holdReasonOf(
  record: SubscriptionRecord | null,
  sentToday: number,
  dailyCap: number,
): HoldReason | null {
  if (record && !record.enabled) return 'disabled'
  if (!record || record.credits <= 0) return 'no_credit'
  if (sentToday >= dailyCap) return 'daily_cap'
  return null
}

export function spendCredit(record: SubscriptionRecord, now: Date): SubscriptionRecord {
  return {
    ...record,
    credits: Math.max(0, record.credits - 1),
    sentTotal: record.sentTotal + 1,
    updatedAt: now,
  }
}

/** A credit spent on a send WeChat refused before delivering (not the user's quota) comes back. */
export function refundCredit(record: SubscriptionRecord, now: Date): SubscriptionRecord {
  return { ...record, credits: record.credits + 1, sentTotal: record.sentTotal - 1, updatedAt: now }
}

/** 43101: WeChat says the user has no quota left for this template; trust it. */
export function creditGone(record: SubscriptionRecord, now: Date): SubscriptionRecord {
  return { ...record, credits: 0, updatedAt: now }
}

// ---- quiet hours and the daily cap ----------------------------------------------------------

const MINUTE_MS = 60 * 1000
const minutesOf = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number)
  return hours * 60 + minutes
}
/** Minutes since China midnight. */
function chinaMinutes(now: Date): number {
  const start = chinaDayRange(chinaDateOf(now)).start
  return Math.floor((now.getTime() - start.getTime()) / MINUTE_MS)
}

/** When `now` is inside the window (which may cross midnight), the instant it ends; else null. */
export function quietUntil(now: Date, window: { start: string; end: string }): Date | null {
  const start = minutesOf(window.start)
  const end = minutesOf(window.end)
  if (start === end) return null
  const minute = chinaMinutes(now)
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end
  if (!inside) return null
  const dayStart = chinaDayRange(chinaDateOf(now)).start.getTime()
  const endToday = dayStart + end * MINUTE_MS
  return new Date(minute < end ? endToday : endToday + 24 * 60 * MINUTE_MS)
}

/** The `message_counters` row counting one user's sends on one China day. */
export function counterId(openid: string, now: Date): string {
  return `${openid}__${chinaDateOf(now)}`
}

// ---- sending: answers, retries -------------------------------------------------------------

export const MAX_ATTEMPTS = 6
/** A claimed row's lease; a run that has not finished by then is presumed crashed. */
export const LEASE_MS = 60 * 1000
const BACKOFF_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 2 * 60 * 60_000]

/** Delay before attempt `attempts + 1`, after `attempts` failed ones (1-based). */
export function retryDelayMs(attempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]
}

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'credit_gone' | 'retry' | 'dead'; errcode: number | null; reason: string }

const DEAD_REASONS: Record<number, string> = {
  40003: 'OPENID 无效（40003）',
  40037: '模板 ID 无效（40037），请检查模板配置',
  41030: '跳转页面不存在或未发布（41030）',
  47003: '模板参数不合法（47003）',
  48001: '小程序没有此接口权限（48001）',
  [-604101]: '云函数未声明 subscribeMessage.send 权限（-604101）',
}

/**
 * 0 sent; 43101 the user's quota is gone; 45009 (daily API quota) and every error that did not
 * come from WeChat's answer (network, timeouts, -501xxx platform errors) are transient: retried.
 * Any other WeChat errcode is treated as permanent (dead letter with the code): WeChat answered,
 * so nothing was delivered, and repeating an unknown refusal only burns quota.
 */
export function classifySend(errcode: number | null, errmsg = ''): SendOutcome {
  const detail = errmsg.slice(0, 80)
  if (errcode === 0) return { kind: 'sent' }
  if (errcode === 43101)
    return { kind: 'credit_gone', errcode, reason: '用户拒收或订阅次数已用完（43101）' }
  if (errcode === 45009)
    return { kind: 'retry', errcode, reason: '今日接口调用次数已达上限（45009）' }
  if (errcode !== null && DEAD_REASONS[errcode])
    return { kind: 'dead', errcode, reason: DEAD_REASONS[errcode] }
  if (errcode === null || errcode < 0)
    return { kind: 'retry', errcode, reason: `网络或平台错误（${errcode ?? '无错误码'}）${detail}` }
  return { kind: 'dead', errcode, reason: `微信返回错误（${errcode}）${detail}` }
}
