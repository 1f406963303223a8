// The caller's coupons (order.coupons) for the confirm page: the ones usable on an order of
// `priceFen` now. A failed read leaves the order without a coupon, never blocks it.
import { useMemo } from 'react'
import { orderApi } from '@/domain/api/order'
import { usableCoupons } from '@/domain/coupon-view'
import { useCloud } from './useCloud'

export function useUsableCoupons(priceFen: number | undefined) {
  const state = useCloud(orderApi.coupons)
  const items = state.data?.items
  const usable = useMemo(
    () => (items && priceFen !== undefined ? usableCoupons(items, priceFen, new Date()) : []),
    [items, priceFen],
  )
  return { usable, loading: state.loading, error: state.error, reload: state.reload }
}
