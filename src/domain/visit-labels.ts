// Chinese labels for the visit vocabulary. Pages, messages and the assignment's explanations read
// these; nothing else spells a visit node, event, role or skill in Chinese.
import type { VisitEvent, VisitKind, VisitNode, VisitRole } from './visit-types'

export const VISIT_NODE_LABELS: Record<VisitNode, string> = {
  requested: '待安排',
  scheduled: '已预约',
  on_the_way: '师傅已出发',
  arrived: '师傅已到达',
  done: '已完成',
  missed: '已错过',
  cancelled: '已取消',
}

export const VISIT_EVENT_LABELS: Record<VisitEvent, string> = {
  assign: '指派师傅',
  reassign: '改派师傅',
  reschedule: '改约时间',
  set_out: '出发',
  arrive: '到达',
  finish: '完成上门',
  cancel: '取消预约',
  mark_missed: '标记错过',
}

/** The submit button under an action's form, written out per event (see order-labels.ts). */
export const VISIT_EVENT_SUBMIT_LABELS: Record<VisitEvent, string> = {
  assign: '确认指派',
  reassign: '确认改派',
  reschedule: '确认改约',
  set_out: '确认出发',
  arrive: '确认到达',
  finish: '提交上门报告',
  cancel: '确认取消预约',
  mark_missed: '确认标记错过',
}

export const VISIT_ROLE_LABELS: Record<VisitRole, string> = {
  consumer: '顾客',
  staff: '服务人员',
  owner: '商家',
  system: '系统',
}

/** The visit's service, e.g. 上门安装. */
export const VISIT_KIND_LABELS: Record<VisitKind, string> = {
  measuring: '上门测量',
  installing: '上门安装',
  repairing: '上门维修',
}

/** The skill itself, as in 「会安装」. */
export const SKILL_LABELS: Record<VisitKind, string> = {
  measuring: '测量',
  installing: '安装',
  repairing: '维修',
}
