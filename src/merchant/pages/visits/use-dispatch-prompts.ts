// 派单's three changes as the owner meets them: a confirmation naming who and when, the call,
// then a toast with the outcome or the server's Chinese message (the day reloads either way).
import { formatChinaTime } from '@/domain/time'
import { VISIT_KIND_LABELS } from '@/domain/visit-labels'
import { confirmModal, toast } from '@/services/feedback'
import { windowText } from './dispatch-card'
import type { StaffOption } from './staff-choice'
import type { DispatchRow, useDispatch } from './use-dispatch'

/** 12-08 10:00–12:00 上门测量 */
const what = (row: DispatchRow) =>
  `${formatChinaTime(row.visit.window.start, 'MM-DD')} ${windowText(row.visit.window)} ${VISIT_KIND_LABELS[row.visit.kind]}`

export function useDispatchPrompts(day: Pick<ReturnType<typeof useDispatch>, 'assign' | 'rebook'>) {
  const auto = async (row: DispatchRow) => {
    const name = row.assignment.choice?.name
    const question = name ? `将 ${what(row)} 分配给${name}？` : `为 ${what(row)} 自动分配师傅？`
    if (!(await confirmModal('自动分配', question))) return
    const result = await day.assign(row)
    toast(result.ok ? `已分配给${result.data.visit.staffName ?? ''}` : result.message)
  }

  const pick = async (row: DispatchRow, option: StaffOption) => {
    const title = row.visit.staffName ? '改派师傅' : '指派师傅'
    if (!(await confirmModal(title, `将 ${what(row)} 交给${option.name}？`))) return
    const result = await day.assign(row, option.staffId)
    toast(result.ok ? `已交给${option.name}` : result.message)
  }

  const rebook = async (row: DispatchRow, start: string, label: string) => {
    if (Date.parse(start) <= Date.now()) return toast('请选择以后的时间')
    const kind = VISIT_KIND_LABELS[row.visit.kind]
    if (!(await confirmModal('重新预约', `将这次${kind}改到 ${label} 开始的两小时？`))) return
    const result = await day.rebook(row, start)
    if (!result.ok) return toast(result.message)
    const staffName = result.data.visit.staffName
    toast(`已重新预约，${staffName ? `${staffName}上门` : '待指派'}`)
  }

  return { auto, pick, rebook }
}
