// user.personalisation / user.setPersonalisation — any signed-in caller, their own switch only.
// Off: recording stops at once (behaviour.ts matches only documents with the switch on) and
// user.home recommends the shop's picks. The switch is written in a transaction that re-reads
// the document, so it never loses counts a concurrent event added, and a repeat is harmless.
import {
  isPersonalised,
  newPreference,
  type PersonalisationView,
  type PreferenceRecord,
} from '@/domain/behaviour'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { userApi } from '@/domain/api/user'
import { db, inTransaction, readDoc } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const personalisation = defineUserAction(userApi.personalisation, async (_input, openid) => {
  const preference = await readDoc<PreferenceRecord>(
    db.collection(COLLECTIONS.preferences).doc(openid),
  )
  const view: PersonalisationView = { personalised: isPersonalised(preference) }
  return ok(view)
})

export const setPersonalisation = defineUserAction(
  userApi.setPersonalisation,
  async ({ personalised }, openid) => {
    const now = currentTime()
    await inTransaction(async (transaction) => {
      const ref = transaction.collection(COLLECTIONS.preferences).doc(openid)
      const existing = await readDoc<PreferenceRecord>(ref)
      if (existing && existing.personalised === personalised) return
      const { _id, ...fields } = existing ?? newPreference(openid, personalised, now)
      await ref.set({ data: { ...fields, personalised, updatedAt: now } })
    })
    const view: PersonalisationView = { personalised }
    return ok(view)
  },
)
