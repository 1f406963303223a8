// profile.list — any signed-in user: their own profiles only, most recently saved first.
// Read-only; works without a standing consent so a user can always see what is stored.
import {
  MAX_PROFILES_PER_USER,
  toMeasurementProfile,
  type MeasurementProfileRecord,
} from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { noPayload } from '@/domain/validate'
import { requireUser } from '@/cloud/context'
import { db, readList } from '@/cloud/database'
import { defineAction } from '@/cloud/router'

export const list = defineAction(noPayload, async (_input, caller) => {
  const user = requireUser(caller)
  if (!user.ok) return user
  const profiles = await readList<MeasurementProfileRecord>(
    db
      .collection(COLLECTIONS.measurementProfiles)
      .where({ ownerOpenid: user.data })
      .orderBy('updatedAt', 'desc')
      .limit(MAX_PROFILES_PER_USER),
  )
  return ok({ items: profiles.map(toMeasurementProfile) })
})
