// user.role — any signed-in caller. Read-only: the tab bar and the merchant entry ask it on every
// launch; registering the caller is the home page's call (user.home), never this one. It also
// names the caller's photo folder (computed here only: src/cloud/photo-dir.ts) for upload.ts.
import { ok } from '@/domain/result'
import { isMerchant } from '@/cloud/merchants'
import { userApi } from '@/domain/api/user'
import { defineUserAction } from '@/cloud/router'
import { photoDirOf } from '@/cloud/photo-dir'

export const role = defineUserAction(userApi.role, async (_input, openid) =>
  ok({
    role: (await isMerchant(openid)) ? ('merchant' as const) : ('consumer' as const),
    photoDir: photoDirOf(openid),
  }),
)
