// Measurement profiles and their separate consent: status, list, save, remove, grant, withdraw.
// Every write reloads what it changed, so the page always shows the server's view.
import { profileApi } from '@/domain/api/profile'
import { useCallback, useState } from 'react'
import type { ProfileKind } from '@/domain/measurement-profile'
import type { Result } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { useCloud } from './useCloud'

export interface ProfileDraft {
  id?: string
  kind: ProfileKind
  name: string
  values: Record<string, number>
}

export function useProfiles() {
  const consent = useCloud(profileApi.consentStatus)
  const list = useCloud(profileApi.list)
  const [busy, setBusy] = useState(false)
  const reloadConsent = consent.reload
  const reloadList = list.reload

  const run = useCallback(
    async <T>(call: () => Promise<Result<T>>, after: () => Promise<unknown>) => {
      setBusy(true)
      const result = await call()
      if (result.ok) await after()
      setBusy(false)
      return result
    },
    [],
  )

  // The list first: the page swaps the consent card for the list once consent reloads, and a
  // form opened before `busy` clears would show 正在保存… and ignore taps.
  const reloadAll = useCallback(async () => {
    await reloadList()
    await reloadConsent()
  }, [reloadConsent, reloadList])
  const setConsent = useCallback(
    (granted: boolean) => run(() => callCloud(profileApi.consent, { granted }), reloadAll),
    [run, reloadAll],
  )
  const save = useCallback(
    (draft: ProfileDraft) => run(() => callCloud(profileApi.save, draft), reloadList),
    [run, reloadList],
  )
  const remove = useCallback(
    (id: string) => run(() => callCloud(profileApi.remove, { id }), reloadList),
    [run, reloadList],
  )

  return { consent, list, busy, reloadAll, setConsent, save, remove }
}
