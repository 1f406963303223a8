// The send-credit ledger and preferences (`subscriptions`): one row per (user, purpose) plus one
// prefs row per user, all found by one indexed query on `ownerOpenid`. Every change re-reads and
// writes inside a transaction, so concurrent accepts and sends never lose a credit.
import {
  afterAlwaysSetting,
  afterAuthorization,
  defaultPrefs,
  emptySubscription,
  prefsId,
  subscriptionId,
  type MessagePrefsRecord,
  type SubscriptionRecord,
} from '../domain/message-policy'
import { MESSAGE_CONFIG, MESSAGE_TITLES } from '../domain/message-templates'
import {
  MESSAGE_PURPOSES,
  type AuthorizeInput,
  type MessagePurpose,
  type MessageSettings,
  type PreferenceInput,
} from '../domain/messages'
import { COLLECTIONS } from '../domain/names'
import { db, inTransaction, readDoc, readList, type Transaction, withoutId } from './database'

type Row = SubscriptionRecord | MessagePrefsRecord

export async function messageSettings(openid: string, now: Date): Promise<MessageSettings> {
  const rows = await readList<Row>(
    db
      .collection(COLLECTIONS.subscriptions)
      .where({ ownerOpenid: openid })
      .limit(MESSAGE_PURPOSES.length + 1),
  )
  const prefs =
    (rows.find((row) => row.purpose === null) as MessagePrefsRecord | undefined) ??
    defaultPrefs(openid, now)
  const items = MESSAGE_PURPOSES.map((purpose) => {
    const record =
      (rows.find((row) => row.purpose === purpose) as SubscriptionRecord | undefined) ??
      emptySubscription(openid, purpose, now)
    return {
      purpose,
      ...MESSAGE_TITLES[purpose],
      enabled: record.enabled,
      credits: record.credits,
      always: record.always,
      refused: record.refused,
    }
  })
  return {
    items,
    mainSwitch: prefs.mainSwitch,
    quietHoursOptIn: prefs.quietHoursOptIn,
    quietHours: MESSAGE_CONFIG.quietHours,
    dailyCap: MESSAGE_CONFIG.dailyCap,
  }
}

const subscriptionRef = (transaction: Transaction, openid: string, purpose: MessagePurpose) =>
  transaction.collection(COLLECTIONS.subscriptions).doc(subscriptionId(openid, purpose))
const prefsRef = (transaction: Transaction, openid: string) =>
  transaction.collection(COLLECTIONS.subscriptions).doc(prefsId(openid))

export async function readSubscription(
  transaction: Transaction,
  openid: string,
  purpose: MessagePurpose,
): Promise<SubscriptionRecord | null> {
  return readDoc<SubscriptionRecord>(subscriptionRef(transaction, openid, purpose))
}

export async function writeSubscription(
  transaction: Transaction,
  record: SubscriptionRecord,
): Promise<void> {
  await subscriptionRef(transaction, record.ownerOpenid, record.purpose).set({
    data: withoutId(record),
  })
}

export async function readPrefs(
  transaction: Transaction,
  openid: string,
  now: Date,
): Promise<MessagePrefsRecord> {
  return (
    (await readDoc<MessagePrefsRecord>(prefsRef(transaction, openid))) ?? defaultPrefs(openid, now)
  )
}

/** Each accept adds one credit; ban or an "always" reject marks the purpose refused. */
export async function recordAuthorization(
  openid: string,
  input: AuthorizeInput,
  now: Date,
  source: string,
): Promise<void> {
  await inTransaction(async (transaction) => {
    const records = new Map<MessagePurpose, SubscriptionRecord>()
    const recordOf = async (purpose: MessagePurpose) =>
      records.get(purpose) ??
      (await readSubscription(transaction, openid, purpose)) ??
      emptySubscription(openid, purpose, now)
    const alwaysOf = (purpose: MessagePurpose) =>
      input.always?.find((item) => item.purpose === purpose)?.setting
    for (const { purpose, result } of input.results) {
      records.set(
        purpose,
        afterAuthorization(await recordOf(purpose), result, alwaysOf(purpose), now, source),
      )
    }
    for (const { purpose, setting } of input.always ?? []) {
      if (records.has(purpose)) continue
      const record = await recordOf(purpose)
      records.set(purpose, afterAlwaysSetting(record, setting, now))
    }
    for (const record of records.values()) await writeSubscription(transaction, record)
    if (input.mainSwitch !== undefined) {
      const prefs = await readPrefs(transaction, openid, now)
      await prefsRef(transaction, openid).set({
        data: withoutId({ ...prefs, mainSwitch: input.mainSwitch, updatedAt: now }),
      })
    }
  })
}

export async function recordPreference(
  openid: string,
  input: PreferenceInput,
  now: Date,
): Promise<void> {
  await inTransaction(async (transaction) => {
    if ('purpose' in input) {
      const record =
        (await readSubscription(transaction, openid, input.purpose)) ??
        emptySubscription(openid, input.purpose, now)
      await writeSubscription(transaction, { ...record, enabled: input.enabled, updatedAt: now })
      return
    }
    const prefs = await readPrefs(transaction, openid, now)
    await prefsRef(transaction, openid).set({
      data: withoutId({ ...prefs, quietHoursOptIn: input.quietHoursOptIn, updatedAt: now }),
    })
  })
}
