// message.authorize — signed-in users. Records what requestSubscribeMessage / getSetting said:
// each accept adds one credit to the caller's own ledger (identity from getWXContext only), in
// one transaction, so concurrent accepts and sends never lose a credit. A retry adds again: the
// client calls it once per popup answer.
import {
  ALWAYS_SETTINGS,
  AUTHORIZATION_RESULTS,
  MESSAGE_PURPOSES,
  type AuthorizeInput,
} from '@/domain/messages'
import { fail, ok } from '@/domain/result'
import { array, boolean, object, oneOf, optional } from '@/domain/validate'
import { currentTime } from '@/cloud/clock'
import { defineUserAction } from '@/cloud/router'
import { messageSettings, recordAuthorization } from '@/cloud/subscriptions'

const purpose = oneOf('消息类型', MESSAGE_PURPOSES)
const payload = object({
  results: array(object({ purpose, result: oneOf('授权结果', AUTHORIZATION_RESULTS) }), {
    label: '授权结果',
    min: 0,
    max: MESSAGE_PURPOSES.length,
  }),
  always: optional(
    array(object({ purpose, setting: oneOf('总是保持的选择', ALWAYS_SETTINGS) }), {
      label: '总是保持的选择',
      min: 0,
      max: MESSAGE_PURPOSES.length,
    }),
  ),
  mainSwitch: optional(boolean('订阅消息总开关')),
})

export const authorize = defineUserAction(payload, async (input: AuthorizeInput, openid) => {
  // WeChat answers once per template: a repeated purpose is a client bug, not two accepts.
  const purposes = input.results.map((item) => item.purpose)
  if (new Set(purposes).size !== purposes.length)
    return fail('INVALID_INPUT', '授权结果中的消息类型重复', 'results')
  const now = currentTime()
  await recordAuthorization(openid, input, now)
  return ok(await messageSettings(openid, now))
})
