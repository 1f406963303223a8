// Replenishment prediction, one record per (customer, consumable product). Pure: the cloud
// stores the record and calls these with "now"; pages show the same fields.
// Run-out = last purchase + quantity × cycle (days per unit). The cycle starts at the product's
// default, is learned from the customer's own intervals (recent ones weigh more, each clamped to
// a band around the default so one odd gap cannot swing it), and the customer's answers teach it:
// adjust sets it, snooze nudges it up, stop ends reminders.

export const REFILL_CONFIG = {
  /** Remind this many days before the predicted run-out (Subscribe & Save style notice). */
  remindDaysBefore: 5,
  /** Purchases kept per record; older ones no longer describe the customer's habit. */
  historySize: 6,
  /** One observed interval counts only within [min, max] × the product's default cycle. */
  intervalClamp: { min: 0.5, max: 2 },
  /** Any cycle, learned or set, stays within these days per unit. */
  cycleBounds: { min: 1, max: 365 },
  /** "Not now" pushes the reminder this many days when no choice is given. */
  snoozeDefaultDays: 7,
  snoozeMaxDays: 60,
  /** Each "not now" lengthens the cycle by this share: the product lasts longer than predicted. */
  snoozeNudge: 0.1,
  /** A purchase this many days after a reminder counts as a reorder the reminder brought. */
  attributionDays: 7,
} as const

export const CYCLE_SOURCES = ['default', 'learned', 'customer'] as const
export type CycleSource = (typeof CYCLE_SOURCES)[number]

/** active: waiting for its reminder; reminded: sent, waiting for a purchase or an answer. */
export const REFILL_STATUSES = ['active', 'reminded', 'stopped'] as const
export type RefillStatus = (typeof REFILL_STATUSES)[number]

export interface Purchase {
  orderId: string
  at: Date
  quantity: number
}

export interface RefillRecord {
  /** refillIdOf(openid, productId): one document per pair. */
  _id: string
  ownerOpenid: string
  productId: string
  productName: string
  defaultCycleDays: number
  /** Days one unit lasts, as used for the prediction now. */
  cycleDays: number
  cycleSource: CycleSource
  /** Newest last, at most historySize. */
  purchases: Purchase[]
  lastOrderId: string
  runOutAt: Date
  /** The timer walks (status, nextReminderAt, _id) with an indexed range cursor. */
  nextReminderAt: Date
  status: RefillStatus
  /**
   * Set only while a timer run works on this reminder (cloudfunctions/refill/src/timer.ts): the
   * run's token and when its claim lapses. Marking the reminder removes both; a claim left by a
   * run that died lapses and the next run takes the reminder over.
   */
  reminderClaim?: string
  reminderClaimUntil?: Date
  snoozes: number
  lastReminderAt: Date | null
  /** Last purchase that came within attributionDays of a reminder (merchant conversion). */
  lastAttributedAt: Date | null
  attributedReorders: number
  createdAt: Date
  updatedAt: Date
}

const DAY_MS = 24 * 60 * 60 * 1000

export function refillIdOf(openid: string, productId: string): string {
  return `${openid}_${productId}`
}

const round1 = (days: number) => Math.round(days * 10) / 10
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))
export const clampCycle = (days: number) =>
  round1(clamp(days, REFILL_CONFIG.cycleBounds.min, REFILL_CONFIG.cycleBounds.max))

/**
 * Days per unit learned from consecutive purchases: each gap divided by the units bought before
 * it, clamped around the default, then averaged with weights 1, 2, 3… (newest heaviest).
 * null with fewer than two purchases.
 */
export function learnedCycle(purchases: Purchase[], defaultCycleDays: number): number | null {
  if (purchases.length < 2) return null
  const { min, max } = REFILL_CONFIG.intervalClamp
  let weighted = 0
  let weights = 0
  for (let i = 1; i < purchases.length; i += 1) {
    const gapDays = (purchases[i].at.getTime() - purchases[i - 1].at.getTime()) / DAY_MS
    const perUnit = gapDays / purchases[i - 1].quantity
    weighted += i * clamp(perUnit, min * defaultCycleDays, max * defaultCycleDays)
    weights += i
  }
  return clampCycle(weighted / weights)
}

/** Predicted run-out and reminder from the last purchase and the current cycle. */
export function predict(
  record: Pick<RefillRecord, 'purchases' | 'cycleDays'>,
  remindDaysBefore: number = REFILL_CONFIG.remindDaysBefore,
): Pick<RefillRecord, 'runOutAt' | 'nextReminderAt'> {
  const last = record.purchases[record.purchases.length - 1]
  const runOutAt = new Date(last.at.getTime() + last.quantity * record.cycleDays * DAY_MS)
  // Never before the purchase itself: a very short cycle reminds at once, not in the past.
  const nextReminderAt = new Date(
    Math.max(last.at.getTime(), runOutAt.getTime() - remindDaysBefore * DAY_MS),
  )
  return { runOutAt, nextReminderAt }
}

export interface PurchaseInput {
  openid: string
  productId: string
  productName: string
  defaultCycleDays: number
  orderId: string
  quantity: number
  at: Date
}

/**
 * A delivered order of a consumable. Creates the record on a first purchase; otherwise appends
 * (an order already recorded changes nothing), relearns the cycle unless the customer set it,
 * and reactivates reminders unless the customer stopped them.
 */
export function recordPurchase(existing: RefillRecord | null, input: PurchaseInput): RefillRecord {
  const purchase: Purchase = { orderId: input.orderId, at: input.at, quantity: input.quantity }
  if (existing?.purchases.some((p) => p.orderId === input.orderId)) return existing
  const _id = refillIdOf(input.openid, input.productId)
  const purchases = [...(existing?.purchases ?? []), purchase]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(-REFILL_CONFIG.historySize)
  const learned = learnedCycle(purchases, input.defaultCycleDays)
  const keepCustomer = existing?.cycleSource === 'customer'
  const cycleDays = keepCustomer
    ? existing.cycleDays
    : (learned ?? clampCycle(input.defaultCycleDays))
  const cycleSource: CycleSource = keepCustomer ? 'customer' : learned ? 'learned' : 'default'
  const attributed = isAttributed(existing?.lastReminderAt ?? null, input.at)
  return {
    _id,
    ownerOpenid: input.openid,
    productId: input.productId,
    productName: input.productName,
    defaultCycleDays: input.defaultCycleDays,
    cycleDays,
    cycleSource,
    purchases,
    lastOrderId: purchases[purchases.length - 1].orderId,
    ...predict({ purchases, cycleDays }),
    status: existing?.status === 'stopped' ? 'stopped' : 'active',
    snoozes: existing?.snoozes ?? 0,
    lastReminderAt: existing?.lastReminderAt ?? null,
    lastAttributedAt: attributed ? input.at : (existing?.lastAttributedAt ?? null),
    attributedReorders: (existing?.attributedReorders ?? 0) + (attributed ? 1 : 0),
    createdAt: existing?.createdAt ?? input.at,
    updatedAt: input.at,
  }
}

function isAttributed(lastReminderAt: Date | null, purchaseAt: Date): boolean {
  if (!lastReminderAt) return false
  const since = purchaseAt.getTime() - lastReminderAt.getTime()
  return since >= 0 && since <= REFILL_CONFIG.attributionDays * DAY_MS
}

/** What marking a reminder sent changes (the timer writes these with one bulk update). */
export function remindedFields(
  now: Date,
): Pick<RefillRecord, 'status' | 'lastReminderAt' | 'updatedAt'> {
  return { status: 'reminded', lastReminderAt: now, updatedAt: now }
}

/** The timer sent the reminder: it waits for a purchase or an answer, and is never resent. */
export function markReminded(record: RefillRecord, now: Date): RefillRecord {
  return { ...record, ...remindedFields(now) }
}

/**
 * Whether the timer should remind now. The timer's queries spell the same rule (status active,
 * nextReminderAt ≤ now) so the database applies it per document, in its claim and its mark.
 */
export function isDue(record: RefillRecord, now: Date): boolean {
  return record.status === 'active' && record.nextReminderAt.getTime() <= now.getTime()
}

/**
 * "Not now": remind `days` later than planned (or than now, once the reminder has passed), and
 * lengthen the cycle a little (unless the customer set it), since the product evidently lasts
 * longer than predicted. Never brings a reminder earlier.
 */
export function snooze(
  record: RefillRecord,
  now: Date,
  days: number = REFILL_CONFIG.snoozeDefaultDays,
): RefillRecord {
  const cycleDays =
    record.cycleSource === 'customer'
      ? record.cycleDays
      : clampCycle(record.cycleDays * (1 + REFILL_CONFIG.snoozeNudge))
  const from = Math.max(now.getTime(), record.nextReminderAt.getTime())
  const nextReminderAt = new Date(from + days * DAY_MS)
  const runOut = predict({ ...record, cycleDays }).runOutAt
  return {
    ...record,
    cycleDays,
    cycleSource: record.cycleSource === 'customer' ? 'customer' : 'learned',
    runOutAt: new Date(Math.max(runOut.getTime(), nextReminderAt.getTime())),
    nextReminderAt,
    status: 'active',
    snoozes: record.snoozes + 1,
    updatedAt: now,
  }
}

/** "Adjust my cycle to N days": the customer's cycle wins over learning from now on. */
export function adjustCycle(record: RefillRecord, days: number, now: Date): RefillRecord {
  const cycleDays = clampCycle(days)
  const next = { ...record, cycleDays, cycleSource: 'customer' as const, updatedAt: now }
  const predicted = predict(next)
  // A reminder date already past would fire at once; remind from tomorrow at the earliest.
  const earliest = now.getTime() + DAY_MS
  const nextReminderAt =
    predicted.nextReminderAt.getTime() < earliest ? new Date(earliest) : predicted.nextReminderAt
  return {
    ...next,
    runOutAt: predicted.runOutAt,
    nextReminderAt,
    status: record.status === 'stopped' ? 'stopped' : 'active',
  }
}

/** "Stop": no more reminders for this product; a later purchase keeps it stopped. */
export function stop(record: RefillRecord, now: Date): RefillRecord {
  return { ...record, status: 'stopped', updatedAt: now }
}

/** The dedupe key of one reminder: a rerun of the timer never queues it twice. */
export function reminderKeyOf(record: Pick<RefillRecord, '_id' | 'nextReminderAt'>): string {
  return `refill:${record._id}:${record.nextReminderAt.toISOString()}`
}

/** The 调整周期 input on the page: whole days per unit within the bounds the server enforces. */
export function parseCycleInput(
  text: string,
): { ok: true; days: number } | { ok: false; message: string } {
  const { min, max } = REFILL_CONFIG.cycleBounds
  const trimmed = text.trim()
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: '请输入整数天数' }
  const days = Number(trimmed)
  return days >= min && days <= max
    ? { ok: true, days }
    : { ok: false, message: `周期需在 ${min}–${max} 天之间` }
}
