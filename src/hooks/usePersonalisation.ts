// 我的 → 个性化推荐: the switch as the server holds it (user.personalisation) and turning it on
// or off (user.setPersonalisation). Off stops collection on the server from the next call.
import { useCallback, useState } from 'react'
import { userApi } from '@/domain/api/user'
import type { Fail } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { useCloud } from './useCloud'

export function usePersonalisation() {
  const state = useCloud(userApi.personalisation)
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState<Fail>()
  const { reload } = state

  const toggle = useCallback(
    async (personalised: boolean) => {
      setBusy(true)
      setFailed(undefined)
      const result = await callCloud(userApi.setPersonalisation, { personalised })
      if (result.ok) await reload()
      else setFailed(result)
      setBusy(false)
    },
    [reload],
  )

  return { ...state, busy, failed, toggle }
}
