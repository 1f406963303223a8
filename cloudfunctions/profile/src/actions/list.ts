// profile.list — any signed-in user: their own profiles only, most recently saved first.
// Read-only; works without a standing consent so a user can always see what is stored.
import {
  MAX_PROFILES_PER_USER,
  toMeasurementProfile,
  type MeasurementProfileRecord,
} from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { db, readList } from '@/cloud/database'
import { profileApi } from '@/domain/api/profile'
import { defineUserAction } from '@/cloud/router'

export const list = defineUserAction(profileApi.list, async (_input, openid) => {
  const profiles = await readList<MeasurementProfileRecord>(
    db
      .collection(COLLECTIONS.measurementProfiles)
      .where({ ownerOpenid: openid })
      .orderBy('updatedAt', 'desc')
      .limit(MAX_PROFILES_PER_USER),
  )
  return ok({ items: profiles.map(toMeasurementProfile) })
})
