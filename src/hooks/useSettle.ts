// A page's change followed by a fresh read: `busy` while it runs; every answer but a lost network
// reads again, so a refusal such as CONFLICT (changed meanwhile) shows what is true now.
import { useCallback, useState } from 'react'
import type { Result } from '@/domain/result'

export function useSettle(reload: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false)
  const settle = useCallback(
    async <T>(call: Promise<Result<T>>): Promise<Result<T>> => {
      setBusy(true)
      const result = await call
      if (result.ok || result.code !== 'NETWORK') await reload()
      setBusy(false)
      return result
    },
    [reload],
  )
  return { busy, settle }
}
