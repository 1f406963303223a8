// One order's in-app messages (message.inbox), newest first.
import { messageApi } from '@/domain/api/message'
import { useMemo } from 'react'
import type { InAppMessage } from '@/domain/messages'
import type { Wire } from './order-view'
import { useCloud } from './useCloud'

export type InAppMessageView = Wire<InAppMessage>

const LIMIT = 20

export function useOrderMessages(orderId: string) {
  const inbox = useCloud(messageApi.inbox, { orderId, limit: LIMIT })
  const items = inbox.data?.items
  const messages = useMemo(
    () => [...(items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [items],
  )
  return { ...inbox, messages }
}
