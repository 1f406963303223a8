// 保养提醒's data: refill.careTasks for one order (loading, data, error through useCloud) and the
// two answers, one at a time; a successful answer shows the list it returns.
import { useCallback, useState } from 'react'
import type { ResultOf } from '@/domain/api/contract'
import { refillApi } from '@/domain/api/refill'
import type { CareTaskView } from '@/domain/care-view'
import { fail, type Result } from '@/domain/result'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'

export type CareItem = CareTaskView<string>
type Answered = ResultOf<typeof refillApi.snoozeCare>

export function useCareTasks(orderId: string | undefined) {
  const list = useCloud(refillApi.careTasks, orderId ? { orderId } : {})
  const [answered, setAnswered] = useState<Answered | undefined>()
  const [busy, setBusy] = useState(false)

  const answer = useCallback(
    async (call: () => Promise<Result<Answered>>): Promise<Result<Answered>> => {
      if (busy) return fail('CONFLICT', '请稍候，上一个操作还在进行')
      setBusy(true)
      const result = await call()
      if (result.ok) setAnswered(result.data)
      setBusy(false)
      return result
    },
    [busy],
  )

  return {
    ...list,
    data: answered ?? list.data,
    busy,
    snooze: (taskId: string) => answer(() => callCloud(refillApi.snoozeCare, { taskId })),
    stop: (stopOrderId: string) =>
      answer(() => callCloud(refillApi.stopCare, { orderId: stopOrderId })),
  }
}
