// The home page's data: who the caller is (each call counts a visit) and the catalog.
import type { ProductSummary } from '@/domain/catalog'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { Profile } from '@/domain/user'
import { useCloud } from './useCloud'

export function useProfile() {
  return useCloud<Profile>(FUNCTIONS.user, ACTIONS.user.me)
}

export function useCatalog() {
  return useCloud<{ items: ProductSummary[] }>(FUNCTIONS.catalog, ACTIONS.catalog.list)
}
