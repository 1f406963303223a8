// Read-only merchant views, one cloud action each (loading, data, error, reload via useCloud).
import { messageApi } from '@/domain/api/message'
import { merchantApi } from '@/domain/api/merchant'
import { useCloud } from './useCloud'
import { useCursorList } from './useCursorList'

export const useStock = () => useCloud(merchantApi.stock)
export const useBatches = () => useCloud(merchantApi.batches, {})
export const useDashboard = () => useCloud(merchantApi.dashboard)
export const useInsights = () => useCloud(merchantApi.insights)
export const useCsInbox = () => useCursorList(merchantApi.csInbox, { limit: 20 })
export const useDeadLetters = () => useCloud(messageApi.deadLetters, { limit: 50 })
