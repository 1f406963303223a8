// WeChat's 客服 message push (云函数接收消息推送, configured in the console for text, image,
// miniprogrampage and the user_enter_tempsession event): the event is WeChat's JSON packet. The
// answer is 'success', so WeChat never re-pushes what we refused or stored, except for a customer's
// message no automatic answer covered: that one is handed to the shop's human agents with the
// passive answer transfer_customer_service (转发客服消息).
// Identity is the packet's FromUserName as WeChat delivers it. A client calling this function
// (SOURCE wx_client / wx_devtools / wx_localdebug, or an OPENID other than FromUserName) could
// forge that packet: refused, nothing written. WeChat's sample replies to getWXContext().OPENID,
// so a push is taken to carry the sender's OPENID. Its SOURCE is not documented: Cloud.getWXContext
// lists wx_devtools, wx_client, wx_http, wx_trigger, wx_paycallback, wx_crawler, wx_localdebug,
// wx_unknown, scf and 「其他 非微信端触发」, none named for a push, and 云函数接收消息推送 says only
// that the event is the packet as JSON. So only a client's SOURCE is refused (assumption, not fact).
import { currentCaller } from '@/cloud/context'
import { currentTime } from '@/cloud/clock'
import { handlePush } from '@/cloud/customer-service'
import { parsePush, transferToAgents, type TransferToAgents } from '@/domain/customer-service'
import { fail, type Fail } from '@/domain/result'

const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_localdebug']
export const PUSH_ANSWER = 'success'

export async function main(event: unknown): Promise<typeof PUSH_ANSWER | TransferToAgents | Fail> {
  const caller = currentCaller()
  // SOURCE follows the call chain ("wx_client,scf"): its first link says who started it.
  const origin = caller.source.split(',')[0]
  if (CLIENT_SOURCES.includes(origin)) return fail('FORBIDDEN')
  const push = parsePush(event)
  if (push === null) {
    console.warn('[service] not a 客服 push WeChat sends; ignored')
    return PUSH_ANSWER
  }
  if (caller.openid !== null && caller.openid !== push.openid) return fail('FORBIDDEN')
  const now = currentTime()
  try {
    // A message no automatic answer covered goes to the shop's human agents.
    const handling = await handlePush(push, now)
    if (handling === 'human') return transferToAgents(push, now)
  } catch (error) {
    // WeChat does not retry on our say-so; the message is lost only if the claim never committed.
    console.error('[service] push not stored', error)
  }
  return PUSH_ANSWER
}
