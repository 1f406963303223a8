// 我的补货's data: refill.mine (loading, data, error through useCloud), the three answers, and
// 立即补货 (services/refill-reorder.ts), one at a time.
import type { ResultOf } from '@/domain/api/contract'
import { refillApi } from '@/domain/api/refill'
import { useCallback, useState } from 'react'
import type { RefillView } from '@/domain/refill-view'
import { fail, type Result } from '@/domain/result'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'
import { prefillConfirm } from '@/services/refill-reorder'

export type RefillItem = RefillView<string>
type Answer = ResultOf<typeof refillApi.snooze>

export function useRefills() {
  const list = useCloud(refillApi.mine)
  const [busy, setBusy] = useState(false)
  const { reload } = list

  const answer = useCallback(
    async (call: () => Promise<Result<Answer>>): Promise<Result<Answer>> => {
      if (busy) return fail('CONFLICT', '请稍候，上一个操作还在进行')
      setBusy(true)
      const result = await call()
      if (result.ok) await reload()
      setBusy(false)
      return result
    },
    [busy, reload],
  )

  const reorder = useCallback(
    async (item: RefillItem): Promise<Result<null>> => {
      if (busy) return fail('CONFLICT', '请稍候，上一个操作还在进行')
      setBusy(true)
      const result = await prefillConfirm(item)
      setBusy(false)
      return result
    },
    [busy],
  )

  return {
    ...list,
    busy,
    snooze: (productId: string, days: number) =>
      answer(() => callCloud(refillApi.snooze, { productId, days })),
    adjustCycle: (productId: string, days: number) =>
      answer(() => callCloud(refillApi.adjustCycle, { productId, days })),
    stop: (productId: string) => answer(() => callCloud(refillApi.stop, { productId })),
    reorder,
  }
}
