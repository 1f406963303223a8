// merchant.csReply — merchants only. A text reply in a customer's 客服 chat through
// customerServiceMessage.send, only within WeChat's 48-hour window since the customer's last
// message (REPLY_WINDOW_CLOSED, nothing sent). A repeated requestId sends nothing more; the chat
// stops waiting for a person once the reply is sent (src/cloud/customer-service.ts).
import { csMessageView } from '@/domain/cs-inbox-view'
import { ok } from '@/domain/result'
import { replyInChat } from '@/cloud/customer-service'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const csReply = defineMerchantAction(merchantApi.csReply, async (input) => {
  const outcome = await replyInChat(input.openid, input.text, input.requestId, currentTime())
  if (!outcome.ok) return outcome
  return ok({ message: csMessageView(outcome.data.message), repeated: outcome.data.repeated })
})
