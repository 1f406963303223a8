// Measurement profiles and their separate consent: status, list, save, remove, grant, withdraw.
// Every write reloads what it changed, so the page always shows the server's view.
import { useCallback, useState } from 'react'
import type { ConsentStatus, MeasurementProfile } from '@/domain/measurement-profile'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { Result } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { useCloud } from './useCloud'

export interface ProfileDraft {
  id?: string
  name: string
  values: Record<string, number>
}

export function useProfiles() {
  const consent = useCloud<ConsentStatus>(FUNCTIONS.profile, ACTIONS.profile.consentStatus)
  const list = useCloud<{ items: MeasurementProfile[] }>(FUNCTIONS.profile, ACTIONS.profile.list)
  const [busy, setBusy] = useState(false)
  const reloadConsent = consent.reload
  const reloadList = list.reload

  const run = useCallback(
    async <T>(action: string, payload: object, after: () => Promise<unknown>) => {
      setBusy(true)
      const result: Result<T> = await callCloud<T>(FUNCTIONS.profile, action, payload)
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
    (granted: boolean) => run(ACTIONS.profile.consent, { granted }, reloadAll),
    [run, reloadAll],
  )
  const save = useCallback(
    (draft: ProfileDraft) => run<MeasurementProfile>(ACTIONS.profile.save, draft, reloadList),
    [run, reloadList],
  )
  const remove = useCallback(
    (id: string) => run(ACTIONS.profile.remove, { id }, reloadList),
    [run, reloadList],
  )

  return { consent, list, busy, reloadAll, setConsent, save, remove }
}
