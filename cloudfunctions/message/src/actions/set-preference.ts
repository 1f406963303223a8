// message.setPreference — signed-in users, their own switches only. Either one kind on/off (off
// stops its sends even with credits left) or the quiet-hours opt-in. Repeats are harmless.
import { MESSAGE_PURPOSES, type PreferenceInput } from '@/domain/messages'
import { fail, ok } from '@/domain/result'
import { boolean, object, oneOf, optional } from '@/domain/validate'
import { currentTime } from '@/cloud/clock'
import { defineUserAction } from '@/cloud/router'
import { messageSettings, recordPreference } from '@/cloud/subscriptions'

const payload = object({
  purpose: optional(oneOf('消息类型', MESSAGE_PURPOSES)),
  enabled: optional(boolean('开关')),
  quietHoursOptIn: optional(boolean('夜间免打扰')),
})

export const setPreference = defineUserAction(payload, async (input, openid) => {
  const { purpose, enabled, quietHoursOptIn } = input
  let preference: PreferenceInput
  if (purpose !== undefined && enabled !== undefined && quietHoursOptIn === undefined)
    preference = { purpose, enabled }
  else if (purpose === undefined && enabled === undefined && quietHoursOptIn !== undefined)
    preference = { quietHoursOptIn }
  else return fail('INVALID_INPUT', '请设置一类消息的开关，或夜间是否接收')
  const now = currentTime()
  await recordPreference(openid, preference, now)
  return ok(await messageSettings(openid, now))
})
