// Recording behaviour (issue 19), called by actions that already run: catalog.get (a product
// view), order.create / order.reorder (the order and its options), the refill answers.
// Order of steps: (1) add the signals' counts to the caller's preference document with one
// conditional update that matches only while 个性化推荐 is on, so the switch is checked by the
// database in the same write; (2) only if that matched, add the raw events in one batch write.
// No document yet: a transaction creates it (on by default) or finds it made meanwhile, so a
// first view racing the switch never overwrites an "off". Recording never fails the action that
// calls it: an error is logged and the action answers as before (the counts are best effort).
import {
  addCounts,
  newPreference,
  orderSignals,
  preferencePatch,
  type BehaviourEvent,
  type BehaviourSignal,
  type CountPatch,
  type PreferenceRecord,
} from '../domain/behaviour'
import type { ProductRecord } from '../domain/catalog'
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { currentTime } from './clock'
import { command, db, inTransaction, readDoc } from './database'

export const preferences = () => db.collection(COLLECTIONS.preferences)
export const behaviourEvents = () => db.collection(COLLECTIONS.behaviourEvents)

export type RecordOutcome = 'recorded' | 'off' | 'skipped' | 'failed'

/** The patch with each amount as an increment (the SDK writes nested objects as field paths). */
function increments(patch: CountPatch): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(patch).map(([key, value]) => [
      key,
      typeof value === 'number' ? command.inc(value) : increments(value),
    ]),
  )
}

/** First event of a customer: create the document, or (made meanwhile) apply to it if on. */
function createOrApply(openid: string, patch: CountPatch, now: Date): Promise<boolean> {
  return inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.preferences).doc(openid)
    const existing = await readDoc<PreferenceRecord>(ref)
    if (existing && existing.personalised === false) return false
    const base = existing ?? newPreference(openid, true, now)
    const { _id, ...fields } = addCounts(base, patch)
    await ref.set({ data: { ...fields, lastSeenAt: now, updatedAt: now } })
    return true
  })
}

export async function recordBehaviour(
  openid: string | null,
  signals: BehaviourSignal[],
): Promise<RecordOutcome> {
  if (openid === null || signals.length === 0) return 'skipped'
  try {
    const now = currentTime()
    const patch = preferencePatch(signals)
    const updated = (await preferences()
      .where({ _id: openid, personalised: true })
      .update({ data: { ...increments(patch), lastSeenAt: now, updatedAt: now } })) as {
      stats: { updated: number }
    }
    const on = updated.stats.updated > 0 || (await createOrApply(openid, patch, now))
    if (!on) return 'off'
    const events: BehaviourEvent[] = signals.map((signal) => ({
      ownerOpenid: openid,
      type: signal.type,
      productId: signal.productId,
      detail: signal.detail,
      createdAt: now,
    }))
    await behaviourEvents().add({ data: events as unknown as BehaviourEvent })
    return 'recorded'
  } catch (error) {
    console.error('[behaviour] not recorded', error)
    return 'failed'
  }
}

/** Removes raw events older than `cutoff`, in rounds (each a bulk remove on the createdAt index). */
export async function removeEventsBefore(
  cutoff: Date,
  rounds = 20,
): Promise<{ removed: number; finished: boolean }> {
  let removed = 0
  for (let round = 0; round < rounds; round += 1) {
    const result = (await behaviourEvents()
      .where({ createdAt: command.lt(cutoff) })
      .remove()) as { stats: { removed: number } }
    removed += result.stats.removed
    if (result.stats.removed === 0) return { removed, finished: true }
  }
  return { removed, finished: false }
}

/** order.create / order.reorder: the order placed and the options it was placed with. */
export function recordOrderPlaced(
  openid: string,
  product: Pick<ProductRecord, '_id' | 'category'>,
  order: Pick<OrderRecord, '_id' | 'productSnapshot' | 'selection'>,
): Promise<RecordOutcome> {
  return recordBehaviour(
    openid,
    orderSignals(product, {
      _id: order._id,
      choices: order.productSnapshot.choices,
      quantity: order.selection.quantity,
    }),
  )
}
