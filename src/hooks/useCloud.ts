// Loading, data and error for one cloud action. Pages render these three states and call
// `reload` (pull-to-refresh, retry). On H5 a change of demo identity reloads from scratch.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Contract, PayloadArgs, ResultOf } from '@/domain/api/contract'
import type { Fail } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { takeArrivedFirstScreenRead, takeFirstScreenRead } from '@/services/first-screen'
import { onLocalIdentityChange } from '@/services/local-identity'

export interface CloudState<T> {
  loading: boolean
  data: T | undefined
  error: Fail | undefined
  /** Fetches again; resolves once the new state is set. */
  reload: () => Promise<void>
}

/** Reads `contract`'s action with `payload` (JSON-equal payloads are the same read). */
export function useCloud<C extends Contract>(
  contract: C,
  ...[payload]: PayloadArgs<C>
): CloudState<ResultOf<C>> {
  type T = ResultOf<C>
  // H5: a launch page whose first read has already come back shows it in its first render.
  const [arrived] = useState(() =>
    process.env.TARO_ENV === 'h5' && payload === undefined
      ? takeArrivedFirstScreenRead(contract)
      : undefined,
  )
  const [state, setState] = useState<Omit<CloudState<T>, 'reload'>>(() =>
    arrived?.ok
      ? { loading: false, data: arrived.data as T, error: undefined }
      : { loading: true, data: undefined, error: undefined },
  )
  const loadedAlready = useRef(arrived?.ok === true)
  // Only the latest request may set state, so a slow earlier answer never wins.
  const latest = useRef(0)
  const payloadKey = payload === undefined ? undefined : JSON.stringify(payload)

  const load = useCallback(
    async (keepData: boolean) => {
      const id = ++latest.current
      setState((prev) => ({
        loading: true,
        data: keepData ? prev.data : undefined,
        error: undefined,
      }))
      const body = payloadKey === undefined ? undefined : (JSON.parse(payloadKey) as object)
      // H5: the launch page's first load takes the read app.ts started (services/first-screen).
      const early =
        process.env.TARO_ENV === 'h5' && body === undefined && !keepData
          ? takeFirstScreenRead(contract)
          : undefined
      const result = await (early ?? callCloud(contract as Contract, body))
      if (id !== latest.current) return
      setState((prev) =>
        result.ok
          ? { loading: false, data: result.data as T, error: undefined }
          : { loading: false, data: prev.data, error: result },
      )
    },
    [contract, payloadKey],
  )

  useEffect(() => {
    if (loadedAlready.current) loadedAlready.current = false
    else void load(false)
  }, [load])

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    return onLocalIdentityChange(() => void load(false))
  }, [load])

  const reload = useCallback(() => load(true), [load])
  return { ...state, reload }
}
