// message.setPreference — signed-in users, their own switches only. Either one kind on/off (off
// stops its sends even with credits left) or the quiet-hours opt-in. Repeats are harmless.
import { type PreferenceInput } from '@/domain/messages'
import { fail, ok } from '@/domain/result'
import { currentTime } from '@/cloud/clock'
import { messageApi } from '@/domain/api/message'
import { defineUserAction } from '@/cloud/router'
import { messageSettings, recordPreference } from '@/cloud/subscriptions'

export const setPreference = defineUserAction(messageApi.setPreference, async (input, openid) => {
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
