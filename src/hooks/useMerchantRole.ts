// Whether the caller is a merchant (or service staff), as the server says (user.role, which reads and never counts a
// visit). Asked once per app session and shared by the tab bar instances (WeChat mounts one per
// tab page), the 我的 entry and the merchant pages' gate; on H5 a change of demo identity asks
// again. Showing or hiding merchant screens is only a convenience: every merchant action is
// authorised again on the server from the caller's OPENID.
import { useCallback, useEffect, useRef, useState } from 'react'
import { askCallerRole } from '@/services/caller-role'
import { onLocalIdentityChange } from '@/services/local-identity'
import type { Role } from '@/domain/user'

/** `unknown` until user.role answers; `failed` when it could not be asked (retry). */
export type MerchantAccess = 'unknown' | 'merchant' | 'refused' | 'failed'

/** The caller's role; `unknown` until user.role answers, `failed` when it could not be asked. */
type RoleAnswer = Role | 'unknown' | 'failed'

const askRole = (): Promise<RoleAnswer> =>
  askCallerRole().then((result) => (result.ok ? result.data.role : 'failed'))

function useRoleAnswer(): { answer: RoleAnswer; retry: () => void } {
  const [access, setAccess] = useState<RoleAnswer>('unknown')
  // Only the latest question may answer: after an identity switch, a slow reply for the
  // previous identity must not overwrite the new one.
  const latest = useRef(0)
  const refresh = useCallback(() => {
    const question = ++latest.current
    setAccess('unknown')
    void askRole().then((value) => {
      if (question === latest.current) setAccess(value)
    })
  }, [])
  useEffect(() => {
    refresh()
    const unsubscribe =
      process.env.TARO_ENV === 'h5'
        ? onLocalIdentityChange(refresh) // caller-role.ts has forgotten the last answer
        : () => undefined
    return () => {
      latest.current = -1
      unsubscribe()
    }
  }, [refresh])
  return { answer: access, retry: refresh }
}

export function useMerchantAccess(): { access: MerchantAccess; retry: () => void } {
  const { answer, retry } = useRoleAnswer()
  const access = answer === 'unknown' || answer === 'failed' || answer === 'merchant'
  return { access: access ? answer : 'refused', retry }
}

export function useIsMerchant(): boolean {
  return useRoleAnswer().answer === 'merchant'
}

/** The caller's role as user.role answered (`unknown` / `failed` before or without an answer). */
export function useCallerRole(): RoleAnswer {
  return useRoleAnswer().answer
}
