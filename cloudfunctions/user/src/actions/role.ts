// user.role — any signed-in caller: merchant, service staff (a `staff` row) or consumer.
// Read-only: the tab bar, the merchant entry and 我的任务 ask it on every launch; registering the
// caller is the home page's call (user.home), never this one. It also names the caller's photo
// folder (computed here only: src/cloud/photo-dir.ts) for upload.ts.
import { ok } from '@/domain/result'
import { isMerchant } from '@/cloud/merchants'
import { userApi } from '@/domain/api/user'
import { defineUserAction } from '@/cloud/router'
import { photoDirOf } from '@/cloud/photo-dir'
import { staffOf } from '@/cloud/staff'
import type { Role } from '@/domain/user'

export const role = defineUserAction(userApi.role, async (_input, openid) => {
  // Together: a staff member's 我的任务 entry costs the tab bar no extra round trip.
  const [merchant, staff] = await Promise.all([isMerchant(openid), staffOf(openid)])
  const answer: Role = merchant ? 'merchant' : staff ? 'staff' : 'consumer'
  return ok({ role: answer, photoDir: photoDirOf(openid) })
})
