// The home page's data: who the caller is (each call counts a visit) and the catalog.
import { userApi } from '@/domain/api/user'
import { catalogApi } from '@/domain/api/catalog'
import { useCloud } from './useCloud'

export function useProfile() {
  return useCloud(userApi.me)
}

export function useCatalog() {
  return useCloud(catalogApi.list)
}
