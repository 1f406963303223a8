// 我的任务's data: the staff member's visits of one China day, their 出发 / 到达 taps, and reports
// kept on the phone until the server settles them (services/kept-sends.ts): a report written in
// a basement is stored first, sent at once, and sent again when the network returns or the page
// shows, applied once by its reportId.
import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { InputOf, PayloadOf, ResultOf } from '@/domain/api/contract'
import { visitApi } from '@/domain/api/visit'
import type { ChinaDate } from '@/domain/china-date'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import { keptSends, type FlushOutcome } from '@/services/kept-sends'

/** What the form sends (a field with a default may be left out), as kept on the phone. */
export type ReportPayload = InputOf<typeof visitApi.report>
export type StaffEvent = PayloadOf<typeof visitApi.act>['event']
/** One visit of the list as it arrives (instants as strings). */
export type TaskRow = ResultOf<typeof visitApi.tasks>['items'][number]

const keptReports = keptSends<ReportPayload>('visit-reports')

/** `date` undefined: today on the cloud's clock. */
export function useTasks(date: ChinaDate | undefined) {
  const tasks = useCloud(visitApi.tasks, date ? { date } : {})
  const { reload } = tasks
  const [waiting, setWaiting] = useState<string[]>([])
  const [busy, setBusy] = useState(false)

  const flush = useCallback(async (): Promise<FlushOutcome> => {
    const outcome = await keptReports.flush((kept) => callCloud(visitApi.report, kept.payload))
    setWaiting((await keptReports.list()).map((kept) => kept.payload.visitId))
    if (outcome.sent > 0 || outcome.refused.length > 0) await reload()
    return outcome
  }, [reload])

  // In the background: a refusal is told, since its form may be gone.
  const flushAndTell = useCallback(async () => {
    const outcome = await flush()
    for (const refused of outcome.refused) toast(`报告未能提交：${refused.message}`)
  }, [flush])

  useDidShow(() => void flushAndTell())
  useEffect(() => {
    const onChange = ({ isConnected }: { isConnected: boolean }) => {
      if (isConnected) void flushAndTell()
    }
    Taro.onNetworkStatusChange(onChange)
    return () => Taro.offNetworkStatusChange(onChange)
  }, [flushAndTell])

  const act = useCallback(
    async (item: TaskRow, event: StaffEvent) => {
      setBusy(true)
      const { id, version } = item.visit
      const result = await callCloud(visitApi.act, { visitId: id, event, expectedVersion: version })
      setBusy(false)
      if (result.ok) await reload()
      return result
    },
    [reload],
  )

  /** Keeps the report on the phone, then sends it: 'sent', 'kept' (no signal) or the refusal. */
  const report = useCallback(
    async (payload: ReportPayload) => {
      setBusy(true)
      await keptReports.keep(payload.reportId, payload)
      const outcome = await flush()
      setBusy(false)
      const refused = outcome.refused.find((fail) => fail.id === payload.reportId)
      if (refused) return refused
      const kept = (await keptReports.list()).some((item) => item.id === payload.reportId)
      return kept ? ('kept' as const) : ('sent' as const)
    },
    [flush],
  )

  return { ...tasks, busy, waiting, act, report, flush: flushAndTell }
}
