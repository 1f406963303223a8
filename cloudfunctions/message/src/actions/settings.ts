// message.settings — signed-in users; read-only. The caller's 订阅设置: per kind of message its
// preference, credits left and "always" choice, plus quiet hours and the daily cap.
import { ok } from '@/domain/result'
import { currentTime } from '@/cloud/clock'
import { messageApi } from '@/domain/api/message'
import { defineUserAction } from '@/cloud/router'
import { messageSettings } from '@/cloud/subscriptions'

export const settings = defineUserAction(messageApi.settings, async (_input, openid) =>
  ok(await messageSettings(openid, currentTime())),
)
