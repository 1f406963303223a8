// Whether the caller is a merchant, as the server says (user.role, which counts no visit). Asked once per app session
// and shared by the tab bar instances (WeChat mounts one per tab page) and the 我的 entry; on H5
// a change of demo identity asks again. Showing the merchant entry is only a convenience: every
// merchant action is authorised again on the server from the caller's OPENID.
import { useEffect, useState } from 'react'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { RoleView } from '@/domain/user'
import { callCloud } from '@/services/cloud'
import { onLocalIdentityChange } from '@/services/local-identity'

let asked: Promise<boolean> | undefined

function askIsMerchant(): Promise<boolean> {
  if (asked) return asked
  const answer = callCloud<RoleView>(FUNCTIONS.user, ACTIONS.user.role).then((result) => {
    if (!result.ok && asked === answer) asked = undefined // a failed call is asked again next time
    return result.ok && result.data.role === 'merchant'
  })
  asked = answer
  return answer
}

export function useIsMerchant(): boolean {
  const [isMerchant, setIsMerchant] = useState(false)
  useEffect(() => {
    // Only the latest question may answer: after an identity switch, a slow reply for the
    // previous identity must not overwrite the new one.
    let latest = 0
    const refresh = () => {
      const question = ++latest
      void askIsMerchant().then((value) => {
        if (question === latest) setIsMerchant(value)
      })
    }
    refresh()
    const unsubscribe =
      process.env.TARO_ENV === 'h5'
        ? onLocalIdentityChange(() => {
            asked = undefined
            setIsMerchant(false)
            refresh()
          })
        : () => undefined
    return () => {
      latest = -1
      unsubscribe()
    }
  }, [])
  return isMerchant
}
