// The notifier drains the outbox. Per row, in this order (docs/messages.md explains why):
//   1. claim — one transaction re-reads the row and, if it is still due, either defers it (quiet
//      hours; a non-urgent one once to the customer's learned hour, send-time.ts), holds it (no credit / kind off / daily cap), dead-letters it (unformattable), or
//      spends the credit, counts the day and marks it `sending` with a lease and a claim id.
//      Concurrent runs race on this transaction; exactly one claim wins.
//   2. send — cloud.openapi.subscribeMessage.send, outside any transaction; the page carries the
//      row's id (`mid`), so message.opened can count the open.
//   3. record — one transaction writes the outcome, only if the row still carries our claim id.
// An order's state change claims its message inside its own transaction (decideClaim), so after
// the commit come step 2 and, for a message sent, one update conditional on the claim id.
// A crash between 1 and 3 leaves `sending` with an expired lease: a later run marks it held as
// "outcome unknown" and never resends it (WeChat has no idempotency key); it stays in-app.
import * as cloud from 'wx-server-sdk'
import { isPersonalised, type PreferenceRecord } from '../domain/behaviour'
import { formatTemplateData, type TemplateData } from '../domain/message-format'
import type { OutboxRecord } from '../domain/message-drafts'
import { sentPageOf } from '../domain/message-opened'
import {
  classifySend,
  counterId,
  creditGone,
  holdReasonOf,
  HOLD_REASONS,
  LEASE_MS,
  MAX_ATTEMPTS,
  quietUntil,
  refundCredit,
  retryDelayMs,
  spendCredit,
  type SendOutcome,
} from '../domain/message-policy'
import { MESSAGE_CONFIG, templateIdOf } from '../domain/message-templates'
import { variantHourOf } from '../domain/message-variants'
import type { HoldReason, MessagePurpose, OutboxStatus } from '../domain/messages'
import { COLLECTIONS } from '../domain/names'
import { preferredHour, sendAtFor, WAITS_FOR_OPEN_HOUR } from '../domain/send-time'
import { currentTime } from './clock'
import { command, db, inTransaction, readDoc, readList, type Transaction } from './database'
import { readPrefs, readSubscription, writeSubscription } from './subscriptions'
import { writeInLockOrder } from './lock-order'

export interface DrainSummary {
  examined: number
  sent: number
  retried: number
  held: number
  dead: number
  /** Left pending until quiet hours end, or once until the customer's learned hour. */
  deferred: number
  /** Interrupted sends found with an expired lease: held, not resent. */
  uncertain: number
  /** Not due, or claimed by another run. */
  skipped: number
  /** A database error stopped the row; it stays due (or, after a send, held as uncertain). */
  failed: number
}

const DEFAULT_LIMIT = 50
const RECORD_ATTEMPTS = 3
/** Stop claiming new rows after this long, well inside the function timeout. */
const BUDGET_MS = 15_000

export const UNCERTAIN_REASON = HOLD_REASONS.interrupted

const outbox = () => db.collection(COLLECTIONS.notificationQueue)

/** A real template id may be set per purpose in the function's environment variables. */
export function cloudTemplateId(purpose: MessagePurpose): string {
  return process.env[`MESSAGE_TEMPLATE_${purpose.toUpperCase()}`] || templateIdOf(purpose)
}
const miniprogramState = () =>
  process.env.MESSAGE_MINIPROGRAM_STATE || MESSAGE_CONFIG.miniprogramState

export async function drainMessages(
  options: { ids?: string[]; limit?: number; justQueued?: boolean } = {},
): Promise<DrainSummary> {
  const started = Date.now()
  const now = currentTime()
  const limit = options.limit ?? DEFAULT_LIMIT
  const ids = options.ids ?? (await dueIds(now, limit))
  const summary: DrainSummary = {
    examined: 0,
    sent: 0,
    retried: 0,
    held: 0,
    dead: 0,
    deferred: 0,
    uncertain: 0,
    skipped: 0,
    failed: 0,
  }
  for (const id of ids.slice(0, limit)) {
    if (Date.now() - started > BUDGET_MS) break
    summary.examined += 1
    try {
      summary[await processOne(id, options.justQueued === true)] += 1
    } catch (error) {
      // A claim that failed wrote nothing: the row stays due for the next run.
      console.error(`[notifier] ${id} failed`, error)
      summary.failed += 1
    }
  }
  return summary
}

/** Expired leases first, then due rows oldest first; each an indexed (status, nextAttemptAt) range. */
async function dueIds(now: Date, limit: number): Promise<string[]> {
  const due = (status: OutboxStatus) =>
    readList<Pick<OutboxRecord, '_id' | 'nextAttemptAt'>>(
      outbox()
        .where({ status, nextAttemptAt: command.lte(now) })
        .orderBy('nextAttemptAt', 'asc')
        .field({ _id: true, nextAttemptAt: true })
        .limit(limit),
    )
  const expired = await due('sending')
  const waiting = [...(await due('pending')), ...(await due('retry'))].sort(
    (a, b) => new Date(a.nextAttemptAt).getTime() - new Date(b.nextAttemptAt).getTime(),
  )
  return [...expired, ...waiting].map((row) => row._id)
}

type Step = Exclude<keyof DrainSummary, 'examined' | 'failed'>
type Claim =
  { step: Step } | { step: 'claimed'; row: OutboxRecord; data: TemplateData; claimId: string }

async function processOne(id: string, justQueued: boolean): Promise<Step> {
  // A cheap look first (the claim re-reads it), unless the row was just queued and so is due.
  const seen = justQueued ? null : await readDoc<OutboxRecord>(outbox().doc(id))
  if (!justQueued && (!seen || !['pending', 'retry', 'sending'].includes(seen.status)))
    return 'skipped'
  const claim = await inTransaction((transaction) => claimRow(transaction, id))
  if (claim.step !== 'claimed') return claim.step
  return sendClaimed(claim)
}

/** A row claimed for sending: the row as claimed, its formatted data and the claim's id. */
export interface ClaimedSend {
  row: OutboxRecord
  data: TemplateData
  claimId: string
}

/**
 * Sends a claimed row and records the outcome. A send that went through is marked by one
 * conditional update (only while the row carries our claim); other outcomes may give the credit
 * back, so they re-read in a transaction.
 */
export async function sendClaimed(claim: ClaimedSend): Promise<Step> {
  const { row, claimId } = claim
  const outcome = await send(row, claim.data)
  // The send happened: try hard to record it, or the row ends held as "outcome unknown".
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (outcome.kind === 'sent') return await markSent(row._id, claimId)
      return await inTransaction((transaction) =>
        recordOutcome(transaction, row._id, claimId, outcome),
      )
    } catch (error) {
      if (attempt >= RECORD_ATTEMPTS) throw error
    }
  }
}

async function markSent(id: string, claimId: string): Promise<Step> {
  const now = currentTime()
  const { stats } = (await outbox()
    .where({ _id: id, claimId })
    .update({
      data: {
        status: 'sent',
        sentAt: now,
        errcode: 0,
        reason: '',
        holdReason: null,
        uncertain: false,
        updatedAt: now,
      },
    })) as { stats: { updated: number } }
  return stats.updated === 1 ? 'sent' : 'skipped'
}

const rowRef = (transaction: Transaction, id: string) =>
  transaction.collection(COLLECTIONS.notificationQueue).doc(id)

async function claimRow(transaction: Transaction, id: string): Promise<Claim> {
  const now = currentTime()
  const ref = rowRef(transaction, id)
  const row = await readDoc<OutboxRecord>(ref)
  if (!row || new Date(row.nextAttemptAt).getTime() > now.getTime()) return { step: 'skipped' }
  const update = (data: Partial<OutboxRecord>) => ref.update({ data: { ...data, updatedAt: now } })
  if (row.status === 'sending') {
    await update({
      status: 'held',
      uncertain: true,
      reason: UNCERTAIN_REASON,
      holdReason: 'interrupted',
    })
    return { step: 'uncertain' }
  }
  if (row.status !== 'pending' && row.status !== 'retry') return { step: 'skipped' }
  const decision = await decideClaim(transaction, row, now)
  // The row is this claim's own; the credit and day count are shared (lock-order.ts).
  await writeInLockOrder([() => update(decision.patch)], decision.shared)
  return decision.step === 'claimed' ? decision.claim : { step: decision.step }
}

/** What a claim decided: the row's changes, the shared documents' writes, and the claim. */
export type ClaimDecision = {
  patch: Partial<OutboxRecord>
  /** The credit spent or given back, then the day's count (shared documents: lock-order.ts). */
  shared: Array<() => Promise<void>>
} & ({ step: Step; claim: null } | { step: 'claimed'; claim: ClaimedSend & { step: 'claimed' } })

/**
 * Decides a due row's claim inside `transaction`: it defers it (quiet hours; a non-urgent one
 * once to the customer's learned hour, send-time.ts), holds it (no credit / kind off / daily
 * cap), dead-letters it (unformattable), or spends the credit, counts the day and marks it
 * `sending` with a lease and a claim id. Its reads go at once; the caller writes the row (an
 * order's transaction writes it claimed, so its send after commit needs no claim of its own).
 */
export async function decideClaim(
  transaction: Transaction,
  row: OutboxRecord,
  now: Date,
  early?: ClaimReads | null,
): Promise<ClaimDecision> {
  const counterRef = messageCounterRef(transaction, row, now)
  const reads =
    early?.key === claimReadsKey(row, now) ? early : await readClaim(transaction, row, now)
  const { prefs, subscription, counter, preference } = reads
  const refund =
    row.creditSpent && subscription
      ? [() => writeSubscription(transaction, refundCredit(subscription, now))]
      : []
  const decided = (
    step: Step,
    patch: Partial<OutboxRecord>,
    shared: ClaimDecision['shared'] = [],
  ) => ({
    step,
    patch,
    shared,
    claim: null,
  })
  const formatted = formatTemplateData(
    MESSAGE_CONFIG.templates[row.purpose],
    row.values as Record<string, never>,
  )
  if (!formatted.ok) {
    const reason = `消息内容无法发送：${formatted.reason}`
    return decided('dead', { status: 'dead', reason, deadAt: now }, refund)
  }
  const quietHours = prefs.quietHoursOptIn ? NO_QUIET_HOURS : MESSAGE_CONFIG.quietHours
  const quietEnd = quietUntil(now, quietHours)
  if (quietEnd) return decided('deferred', { nextAttemptAt: quietEnd })
  const sendAt = learnedSendTime(row, preference, now, quietHours)
  if (sendAt) return decided('deferred', { nextAttemptAt: sendAt, waitedForHour: true })
  const hold = (holdReason: HoldReason, shared: ClaimDecision['shared'] = []) =>
    decided('held', { status: 'held', reason: HOLD_REASONS[holdReason], holdReason }, shared)
  if (!prefs.mainSwitch || (subscription && !subscription.enabled))
    return hold(prefs.mainSwitch ? 'disabled' : 'main_off', refund)
  let spend: ClaimDecision['shared'] = []
  if (!row.creditSpent) {
    if (!subscription || subscription.credits <= 0) return hold('no_credit')
    const count = (counter?.count ?? 0) + 1
    const reason = holdReasonOf(subscription, count - 1, MESSAGE_CONFIG.dailyCap)
    if (reason) return hold(reason)
    spend = [
      () => writeSubscription(transaction, spendCredit(subscription, now)),
      async () => {
        await counterRef.set({ data: { openid: row.toOpenid, count, updatedAt: now } })
      },
    ]
  }
  const claimId = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  const patch: Partial<OutboxRecord> = {
    status: 'sending',
    attempts: row.attempts + 1,
    nextAttemptAt: new Date(now.getTime() + LEASE_MS),
    claimId,
    creditSpent: true,
  }
  const claim = {
    step: 'claimed' as const,
    row: { ...row, ...patch },
    data: formatted.data,
    claimId,
  }
  return { step: 'claimed', patch, shared: spend, claim }
}

const NO_QUIET_HOURS = { start: '00:00', end: '00:00' }

const messageCounterRef = (transaction: Transaction, row: OutboxRecord, now: Date) =>
  transaction.collection(COLLECTIONS.messageCounters).doc(counterId(row.toOpenid, now))

/** What deciding a row's claim reads, and which rows they serve (the same documents). */
export interface ClaimReads {
  key: string
  prefs: Awaited<ReturnType<typeof readPrefs>>
  subscription: Awaited<ReturnType<typeof readSubscription>>
  counter: { count: number } | null
  preference: PreferenceRecord | null
}

const claimReadsKey = (row: OutboxRecord, now: Date) =>
  [row.toOpenid, row.purpose, !row.creditSpent, learnsHour(row), counterId(row.toOpenid, now)].join(
    '|',
  )

/**
 * The claim's reads, all at once. An order's transaction may make them for the message it
 * expects, beside its first read (orders.ts); decideClaim reads again if the row differs.
 */
export async function readClaim(
  transaction: Transaction,
  row: OutboxRecord,
  now: Date,
): Promise<ClaimReads> {
  const [prefs, subscription, counter, preference] = await Promise.all([
    readPrefs(transaction, row.toOpenid, now),
    readSubscription(transaction, row.toOpenid, row.purpose),
    row.creditSpent ? null : readDoc<{ count: number }>(messageCounterRef(transaction, row, now)),
    learnsHour(row)
      ? readDoc<PreferenceRecord>(transaction.collection(COLLECTIONS.preferences).doc(row.toOpenid))
      : null,
  ])
  return { key: claimReadsKey(row, now), prefs, subscription, counter, preference }
}

/** A non-urgent row not yet waited, without a variant's hour: the customer's may apply. */
const learnsHour = (row: OutboxRecord) =>
  !row.waitedForHour &&
  WAITS_FOR_OPEN_HOUR.includes(row.purpose) &&
  variantHourOf(MESSAGE_CONFIG.experiments ?? {}, row) === null

/** A non-urgent row not yet waited: its variant's hour or its customer's learned one, if later. */
function learnedSendTime(
  row: OutboxRecord,
  preference: PreferenceRecord | null,
  now: Date,
  quietHours: { start: string; end: string },
): Date | null {
  if (row.waitedForHour || !WAITS_FOR_OPEN_HOUR.includes(row.purpose)) return null
  let hour = variantHourOf(MESSAGE_CONFIG.experiments ?? {}, row)
  if (hour === null) hour = isPersonalised(preference) ? preferredHour(preference?.openHours) : null
  const at = sendAtFor(now, hour, quietHours)
  return at.getTime() > now.getTime() ? at : null
}

async function send(row: OutboxRecord, data: TemplateData): Promise<SendOutcome> {
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: row.toOpenid,
      templateId: cloudTemplateId(row.purpose),
      page: sentPageOf(row.page, row._id),
      data,
      miniprogramState: miniprogramState(),
      lang: 'zh_CN',
    } as never)
    return classifySend(0)
  } catch (error) {
    const { errCode, errMsg, message } = error as {
      errCode?: unknown
      errMsg?: string
      message?: string
    }
    return classifySend(typeof errCode === 'number' ? errCode : null, errMsg ?? message ?? '')
  }
}

async function recordOutcome(
  transaction: Transaction,
  id: string,
  claimId: string,
  outcome: SendOutcome,
): Promise<Step> {
  const now = currentTime()
  const ref = rowRef(transaction, id)
  const row = await readDoc<OutboxRecord>(ref)
  // Only our claim may record; a row marked uncertain meanwhile is corrected with the real answer.
  if (!row || row.claimId !== claimId || (row.status !== 'sending' && !row.uncertain))
    return 'skipped'
  const update = (data: Partial<OutboxRecord>) =>
    ref.update({ data: { holdReason: null, ...data, uncertain: false, updatedAt: now } })
  const subscription = await readSubscription(transaction, row.toOpenid, row.purpose)
  switch (outcome.kind) {
    case 'sent':
      await update({ status: 'sent', sentAt: now, errcode: 0, reason: '' })
      return 'sent'
    case 'credit_gone':
      if (subscription) await writeSubscription(transaction, creditGone(subscription, now))
      await update({
        status: 'held',
        errcode: 43101,
        reason: outcome.reason,
        holdReason: 'no_credit',
      })
      return 'held'
    case 'retry':
      if (row.attempts < MAX_ATTEMPTS) {
        const nextAttemptAt = new Date(now.getTime() + retryDelayMs(row.attempts))
        await update({
          status: 'retry',
          nextAttemptAt,
          errcode: outcome.errcode,
          reason: outcome.reason,
        })
        return 'retried'
      }
      break
    case 'dead':
      break
  }
  // WeChat refused before delivering: the user's quota was not used, so the credit comes back.
  if (subscription) await writeSubscription(transaction, refundCredit(subscription, now))
  const reason =
    outcome.kind === 'retry' ? `重试 ${row.attempts} 次仍失败：${outcome.reason}` : outcome.reason
  await update({ status: 'dead', errcode: outcome.errcode, reason, deadAt: now })
  return 'dead'
}

/**
 * Drains just-queued rows right after their change committed. The change stands whatever
 * happens here: a failure is logged and the timer picks the rows up.
 */
export async function drainAfterCommit(ids: string[]): Promise<void> {
  try {
    await drainMessages({ ids, justQueued: true })
  } catch (error) {
    console.error('[notifier] inline drain failed; the timer will retry', error)
  }
}
