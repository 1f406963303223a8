// message.authorize — signed-in users. Records what requestSubscribeMessage / getSetting said:
// each accept adds one credit to the caller's own ledger (identity from getWXContext only, its
// SOURCE kept beside the credit), in one transaction, so concurrent accepts and sends never lose
// a credit. A retry adds again (the client calls it once per popup answer), up to
// MAX_CREDITS_PER_PURPOSE: accepts are the client's word, so a replay cannot pile them up.
import { fail, ok } from '@/domain/result'
import { currentTime } from '@/cloud/clock'
import { messageApi } from '@/domain/api/message'
import { currentCaller } from '@/cloud/context'
import { defineUserAction } from '@/cloud/router'
import { messageSettings, recordAuthorization } from '@/cloud/subscriptions'

export const authorize = defineUserAction(messageApi.authorize, async (input, openid) => {
  // WeChat answers once per template: a repeated purpose is a client bug, not two accepts.
  const purposes = input.results.map((item) => item.purpose)
  if (new Set(purposes).size !== purposes.length)
    return fail('INVALID_INPUT', '授权结果中的消息类型重复', 'results')
  const now = currentTime()
  await recordAuthorization(openid, input, now, currentCaller().source)
  return ok(await messageSettings(openid, now))
})
