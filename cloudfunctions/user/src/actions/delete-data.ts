// user.deleteData — any signed-in user, for themselves only; `{ confirm: true }` required.
// Erases the caller's measurement profiles and consent, subscriptions, refills, care tasks,
// coupons (used or not; older ones name their owner `toOpenid`) and user record, frees their
// future bookings and strips them from past ones, and removes their behaviour events, 客服 chat
// and preference counts (a 个性化推荐 switched off stays off: only the switch is kept). Orders
// stay, with their address snapshot (delivery, after-sales and the merchant's records need it), and
// so do their home visits (the staff member needs the address; the report is the order's).
// Each step is idempotent (no where() inside a transaction), so a retry after a failure finishes
// the job.
import { HOLDS_KINDS, holdsId } from '@/domain/customer-holds'
import { newPreference, type PreferenceRecord } from '@/domain/behaviour'
import { consentDocId } from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { requireConfirmation, type PersonalDataDeletion } from '@/domain/personal-data'
import { ok } from '@/domain/result'
import { command, db, readDoc } from '@/cloud/database'
import { userApi } from '@/domain/api/user'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

type Removed = { stats: { removed: number } }
type Updated = { stats: { updated: number } }

export const deleteData = defineUserAction(userApi.deleteData, async (input, openid) => {
  const confirmed = requireConfirmation(input)
  if (!confirmed.ok) return confirmed
  const now = currentTime()
  const removeMine = async (collection: string, field = 'ownerOpenid') =>
    (
      (await db
        .collection(collection)
        .where({ [field]: openid })
        .remove()) as Removed
    ).stats.removed
  const measurementProfiles = await removeMine(COLLECTIONS.measurementProfiles)
  const consents = (
    (await db.collection(COLLECTIONS.consents).doc(consentDocId(openid)).remove()) as Removed
  ).stats.removed
  const subscriptions = await removeMine(COLLECTIONS.subscriptions)
  const refills = await removeMine(COLLECTIONS.refills)
  const careTasks = await removeMine(COLLECTIONS.careTasks)
  const coupons =
    (await removeMine(COLLECTIONS.coupons)) + (await removeMine(COLLECTIONS.coupons, 'toOpenid'))
  const behaviourEvents = await removeMine(COLLECTIONS.behaviourEvents)
  const customerService =
    (await removeMine(COLLECTIONS.csMessages, 'openid')) +
    ((await db.collection(COLLECTIONS.csSessions).doc(openid).remove()) as Removed).stats.removed
  const preferenceRef = db.collection(COLLECTIONS.preferences).doc(openid)
  const preference = await readDoc<PreferenceRecord>(preferenceRef)
  if (preference?.personalised === false) {
    const { _id, ...offOnly } = newPreference(openid, false, now)
    await preferenceRef.set({ data: offOnly })
  } else if (preference) await preferenceRef.remove()
  const slots = db.collection(COLLECTIONS.appointmentSlots)
  const future = (await slots
    .where({ bookedBy: openid, startsAt: command.gt(now) })
    .update({ data: { status: 'open', bookedBy: null, bookedAt: null, note: null } })) as Updated
  await slots.where({ bookedBy: openid }).update({ data: { bookedBy: null, note: null } })
  const holds = db.collection(COLLECTIONS.customerHolds)
  for (const kind of HOLDS_KINDS) await holds.doc(holdsId(openid, kind)).remove()
  const user = ((await db.collection(COLLECTIONS.users).doc(openid).remove()) as Removed).stats
    .removed
  const deletion: PersonalDataDeletion = {
    measurementProfiles,
    consents,
    subscriptions,
    refills,
    careTasks,
    coupons,
    preferences: preference ? 1 : 0,
    behaviourEvents,
    customerService,
    bookingsReleased: future.stats.updated,
    user,
    ordersKept: true,
  }
  return ok(deletion)
})
