// The customise page's product: its whole schema from catalog.get. Opened from 为你推荐, the
// link's slot and basis go along, so the cloud counts the tap (domain/rec-source.ts).
import { catalogApi } from '@/domain/api/catalog'
import { recSourceOf } from '@/domain/rec-source'
import { useCloud } from './useCloud'

export function useProduct(productId: string, link: { from?: string; basis?: string } = {}) {
  return useCloud(catalogApi.get, {
    productId,
    ...recSourceOf(link),
  })
}
