// The customise page's product: its whole schema from catalog.get.
import type { ProductRecord } from '@/domain/catalog'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { useCloud } from './useCloud'

export function useProduct(productId: string) {
  return useCloud<{ product: ProductRecord }>(FUNCTIONS.catalog, ACTIONS.catalog.get, {
    productId,
  })
}
