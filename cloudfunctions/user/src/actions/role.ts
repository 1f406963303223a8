// user.role — any signed-in caller. Read-only: the tab bar and the merchant entry ask it on every
// launch; registering the caller is the home page's call (user.home), never this one.
import { ok } from '@/domain/result'
import { isMerchant } from '@/cloud/merchants'
import { userApi } from '@/domain/api/user'
import { defineUserAction } from '@/cloud/router'

export const role = defineUserAction(userApi.role, async (_input, openid) =>
  ok({ role: (await isMerchant(openid)) ? ('merchant' as const) : ('consumer' as const) }),
)
