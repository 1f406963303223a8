// The home page's data in one call (user.home): orders in progress, refills due, 为你推荐 and
// the catalog. Loading, data and error through useCloud.
import { catalogApi } from '@/domain/api/catalog'
import { userApi } from '@/domain/api/user'
import { useCloud } from './useCloud'

export function useHome() {
  return useCloud(userApi.home)
}

/** The active catalog on its own (the merchant's board and stock pages filter by product). */
export function useCatalog() {
  return useCloud(catalogApi.list)
}
