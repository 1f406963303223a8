// 回复 under a chat: a text sent with merchant.csReply while WeChat's 48-hour window is open
// (after it, the box says so instead). One request id per text: a resend after a lost answer
// sends once; after an answer, the next text gets a new id.
import { useRef, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { merchantApi } from '@/domain/api/merchant'
import { MAX_MERCHANT_REPLY, withinReplyWindow } from '@/domain/customer-service'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import { newRequestId } from '@/services/request-id'

export interface ReplyBoxProps {
  openid: string
  lastMessageAt: string
  onSent: () => void
}

export default function ReplyBox({ openid, lastMessageAt, onSent }: ReplyBoxProps) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const requestId = useRef<string | null>(null)

  if (!withinReplyWindow(new Date(lastMessageAt), new Date()))
    return <Text className="cs-reply__closed">顾客最后一条消息已超过 48 小时，无法在此回复</Text>

  const send = async () => {
    if (busy || !text.trim()) return
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = await callCloud(merchantApi.csReply, {
      openid,
      text: text.trim(),
      requestId: requestId.current,
    })
    setBusy(false)
    if (!result.ok && result.code === 'NETWORK') return toast(result.message)
    requestId.current = null
    if (!result.ok) return toast(result.message)
    setText('')
    toast('已回复')
    onSent()
  }

  return (
    <View className="cs-reply">
      <Textarea
        className="cs-reply__text"
        value={text}
        maxlength={MAX_MERCHANT_REPLY}
        autoHeight
        placeholder="回复顾客（通过微信客服消息发送）"
        onInput={(e) => setText(e.detail.value)}
      />
      <View
        className={`cs-reply__send${busy ? ' cs-reply__send--busy' : ''}`}
        onClick={() => void send()}
      >
        <Text>{busy ? '发送中…' : '发送'}</Text>
      </View>
    </View>
  )
}
