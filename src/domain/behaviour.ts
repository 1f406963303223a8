// Behaviour events and the per-customer preference document they roll up into (issue 19).
// Pure: the cloud builds signals from what an action already loaded (the product viewed, the
// order placed, the refill answered), writes the events and adds `preferencePatch` to the
// preference document in the same call, so reading recommendations never scans history.
// Nothing here is taken from the client: every signal comes from a record the server read.
import type { ProductRecord } from './product-schema'
import { chinaHourOf } from './send-time'
import { boolean, object } from './validate'

export const BEHAVIOUR_TYPES = [
  'product_view',
  'option_chosen',
  'order_placed',
  'refill_answered',
  'message_opened',
] as const
export type BehaviourType = (typeof BEHAVIOUR_TYPES)[number]

export const REFILL_ANSWERS = ['snooze', 'adjust_cycle', 'stop'] as const
export type RefillAnswer = (typeof REFILL_ANSWERS)[number]

/** Raw events are kept this many days, then the user function's timer removes them. */
export const DEFAULT_RETENTION_DAYS = 180
export const RETENTION_ENV = 'BEHAVIOUR_RETENTION_DAYS'

/** The retention period from the environment variable; anything but a whole 1–3650 is the default. */
export function retentionDays(value: string | undefined): number {
  const days = Number(value)
  return Number.isInteger(days) && days >= 1 && days <= 3650 ? days : DEFAULT_RETENTION_DAYS
}

/** One stored event (collection behaviour_events); `createdAt` drives retention. */
export interface BehaviourEvent {
  ownerOpenid: string
  type: BehaviourType
  productId: string
  detail: Record<string, unknown>
  createdAt: Date
}

/** Counts keyed by id; `options` is productId → groupId → choiceId → times chosen in orders. */
export interface PreferenceCounts {
  views: Record<string, number>
  categories: Record<string, number>
  options: Record<string, Record<string, Record<string, number>>>
  /** Orders placed per product. */
  ordered: Record<string, number>
  /** Refill answers per product and answer. */
  refillAnswers: Record<string, Record<string, number>>
  /** Sent messages opened per China hour ('0'–'23'): send-time.ts learns the hour from it. */
  openHours?: Record<string, number>
}

/** Collection `preferences`, `_id` = the customer's OPENID. */
export interface PreferenceRecord extends PreferenceCounts {
  _id: string
  /** The 个性化推荐 switch: false = collect nothing, recommend non-personal picks only. */
  personalised: boolean
  lastSeenAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** What one action contributes: the events to store and the counts to add. */
export interface BehaviourSignal {
  type: BehaviourType
  productId: string
  detail: Record<string, unknown>
  /** Paths into PreferenceCounts (each segment an id) and how much to add. */
  counts: { path: string[]; by: number }[]
}

/** Keys become object paths in the stored document: letters, digits, `_` and `-` only. */
const KEY = /^[A-Za-z0-9_-]{1,64}$/
const safePath = (path: string[]) => path.every((segment) => KEY.test(segment))

type ProductFacts = Pick<ProductRecord, '_id' | 'category'>

export function viewSignal(product: ProductFacts): BehaviourSignal {
  const counts = [{ path: ['views', product._id], by: 1 }]
  if (product.category) counts.push({ path: ['categories', product.category.id], by: 1 })
  return { type: 'product_view', productId: product._id, detail: {}, counts }
}

/** What order.create / order.reorder add: the order, and each option it was placed with. */
export function orderSignals(
  product: ProductFacts,
  order: { _id: string; choices: { groupId: string; choiceId: string }[]; quantity: number },
): BehaviourSignal[] {
  const placed: BehaviourSignal = {
    type: 'order_placed',
    productId: product._id,
    detail: { orderId: order._id, quantity: order.quantity },
    counts: [{ path: ['ordered', product._id], by: 1 }],
  }
  if (product.category) placed.counts.push({ path: ['categories', product.category.id], by: 1 })
  const signals = [placed]
  if (order.choices.length > 0)
    signals.push({
      type: 'option_chosen',
      productId: product._id,
      detail: {
        orderId: order._id,
        choices: order.choices.map((c) => `${c.groupId}:${c.choiceId}`),
      },
      counts: order.choices.map((c) => ({
        path: ['options', product._id, c.groupId, c.choiceId],
        by: 1,
      })),
    })
  return signals
}

export function refillAnswerSignal(productId: string, answer: RefillAnswer): BehaviourSignal {
  return {
    type: 'refill_answered',
    productId,
    detail: { answer },
    counts: [{ path: ['refillAnswers', productId, answer], by: 1 }],
  }
}

/** message.opened, first open only: the event, and the China hour it was opened at (send-time.ts). */
export function messageOpenedSignal(
  message: {
    _id: string
    purpose: string
    orderId: string | null
    values: Record<string, unknown>
  },
  openedAt: Date,
): BehaviourSignal {
  const productId = message.values.productId
  return {
    type: 'message_opened',
    productId: typeof productId === 'string' ? productId : '',
    detail: { messageId: message._id, purpose: message.purpose, orderId: message.orderId },
    counts: [{ path: ['openHours', String(chinaHourOf(openedAt))], by: 1 }],
  }
}

/** A nested object of amounts to add (the cloud turns each leaf into an increment). */
export type CountPatch = { [key: string]: number | CountPatch }

/** The counts every signal adds, merged; unsafe paths are dropped, never written. */
export function preferencePatch(signals: BehaviourSignal[]): CountPatch {
  const patch: CountPatch = {}
  for (const { path, by } of signals.flatMap((signal) => signal.counts)) {
    if (path.length < 2 || !safePath(path)) continue
    let node = patch
    for (const key of path.slice(0, -1)) {
      const next = node[key]
      node = typeof next === 'object' ? next : (node[key] = {})
    }
    const leaf = path[path.length - 1]
    const current = node[leaf]
    node[leaf] = (typeof current === 'number' ? current : 0) + by
  }
  return patch
}

/** `base` with `patch` added (the first event creates the document this way). */
export function addCounts<T extends object>(base: T, patch: CountPatch): T {
  const next = { ...base } as Record<string, unknown>
  for (const [key, value] of Object.entries(patch)) {
    const current = next[key]
    next[key] =
      typeof value === 'number'
        ? (typeof current === 'number' ? current : 0) + value
        : addCounts(typeof current === 'object' && current !== null ? current : {}, value)
  }
  return next as T
}

export function emptyCounts(): PreferenceCounts {
  return { views: {}, categories: {}, options: {}, ordered: {}, refillAnswers: {} }
}

export function newPreference(openid: string, personalised: boolean, now: Date): PreferenceRecord {
  return {
    _id: openid,
    personalised,
    ...emptyCounts(),
    lastSeenAt: null,
    createdAt: now,
    updatedAt: now,
  }
}

/** Personalisation is on unless the customer turned it off (no document yet = on). */
export function isPersonalised(preference: Pick<PreferenceRecord, 'personalised'> | null): boolean {
  return preference?.personalised !== false
}

export const setPersonalisationInput = object({ personalised: boolean('个性化推荐开关') })

/** What user.personalisation and user.setPersonalisation return. */
export interface PersonalisationView {
  personalised: boolean
}

/** The privacy guide's line on behaviour data (the consent popup and 我的 show it). */
export const BEHAVIOUR_PRIVACY_TEXT = `浏览过的商品（含从“为你推荐”点开的）、下单时选的款式、补货回复与打开过的消息（及打开的时段）：用于“为你推荐”和选择补货提醒的发送时间，原始记录保存 ${DEFAULT_RETENTION_DAYS} 天；可在“我的 → 个性化推荐”中关闭，关闭后不再记录，推荐改为店铺精选。`
