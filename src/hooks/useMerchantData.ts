// Read-only merchant views, one cloud action each (loading, data, error, reload via useCloud).
import type { DeadLetterView } from '@/domain/messages'
import type { BatchesView, DashboardView, StockView } from '@/domain/merchant-views'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { Wire } from './order-view'
import { useCloud } from './useCloud'

export const useStock = () => useCloud<Wire<StockView>>(FUNCTIONS.merchant, ACTIONS.merchant.stock)
export const useBatches = () =>
  useCloud<Wire<BatchesView>>(FUNCTIONS.merchant, ACTIONS.merchant.batches, {})
export const useDashboard = () =>
  useCloud<Wire<DashboardView>>(FUNCTIONS.merchant, ACTIONS.merchant.dashboard)
export const useDeadLetters = () =>
  useCloud<{ items: Wire<DeadLetterView>[]; nextCursor: string | null }>(
    FUNCTIONS.message,
    ACTIONS.message.deadLetters,
    { limit: 50 },
  )
