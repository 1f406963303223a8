// The customise page's product: its whole schema from catalog.get.
import { catalogApi } from '@/domain/api/catalog'
import { useCloud } from './useCloud'

export function useProduct(productId: string) {
  return useCloud(catalogApi.get, {
    productId,
  })
}
