// H5 only: the demo identities the local cloud offers and the one in use.
import { useEffect, useState } from 'react'
import {
  chooseLocalOpenid,
  currentLocalOpenid,
  loadLocalUsers,
  onLocalIdentityChange,
  onLocalUsersLoaded,
  type LocalUser,
} from '@/services/local-identity'

export interface LocalIdentity {
  users: LocalUser[]
  current: string | undefined
  choose: (openid: string) => void
}

export function useLocalIdentity(): LocalIdentity {
  const [users, setUsers] = useState<LocalUser[]>([])
  const [current, setCurrent] = useState<string>()

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    let alive = true
    const refresh = () =>
      Promise.all([loadLocalUsers(), currentLocalOpenid()])
        .then(([list, openid]) => {
          if (!alive) return
          setUsers(list)
          setCurrent(openid)
        })
        .catch((error: unknown) => console.error('[local-identity] 读取演示身份失败', error))
    void refresh()
    const unsubscribeChange = onLocalIdentityChange(setCurrent)
    const unsubscribeLoaded = onLocalUsersLoaded(() => void refresh())
    return () => {
      alive = false
      unsubscribeChange()
      unsubscribeLoaded()
    }
  }, [])

  return { users, current, choose: chooseLocalOpenid }
}
