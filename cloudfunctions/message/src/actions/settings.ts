// message.settings — signed-in users; read-only. The caller's 订阅设置: per kind of message its
// preference, credits left and "always" choice, plus quiet hours and the daily cap.
import { ok } from '@/domain/result'
import { noPayload } from '@/domain/validate'
import { currentTime } from '@/cloud/clock'
import { defineUserAction } from '@/cloud/router'
import { messageSettings } from '@/cloud/subscriptions'

export const settings = defineUserAction(noPayload, async (_input, openid) =>
  ok(await messageSettings(openid, currentTime())),
)
