// The customise page's side data: the caller's saved measurement profiles (the designer's slots:
// useAppointment).
import { profileApi } from '@/domain/api/profile'
import { useCloud } from './useCloud'
import { useReloadOnReturn } from './useReloadOnReturn'

/**
 * Read again whenever the page shows after being hidden: the customer may have just made or
 * edited a profile on the profiles page, and a chip must fill the values saved there.
 */
export function useSavedProfiles() {
  const list = useCloud(profileApi.list)
  useReloadOnReturn(list.reload)
  return list
}
