// A page a subscribe message opened carries the message's id (`mid`, added at send time): tell
// the cloud once per page load. Silent on purpose: counting an open must never get in the way of
// the page, and the cloud counts only the recipient's first open of a sent message.
import { useEffect } from 'react'
import { useRouter } from '@tarojs/taro'
import { messageApi } from '@/domain/api/message'
import { MESSAGE_ID_PARAM } from '@/domain/message-opened'
import { callCloud } from '@/services/cloud'

export function useMessageOpened(): void {
  const messageId = useRouter().params[MESSAGE_ID_PARAM]
  useEffect(() => {
    if (messageId) void callCloud(messageApi.opened, { messageId })
  }, [messageId])
}
