// 请假 on 我的任务: the shown day becomes a day off (visit.setHours for the caller's own row, no
// id sent). The cloud refuses while the day still holds visits, naming them: the owner reassigns
// them first. A confirmation first; the answer is shown either way.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { visitStaffApi } from '@/domain/api/visit-staff'
import type { ChinaDate } from '@/domain/china-date'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'

export default function LeaveButton({ date }: { date: ChinaDate }) {
  const [busy, setBusy] = useState(false)
  const leave = async () => {
    const { confirm } = await Taro.showModal({
      title: `${date.slice(5)} 请假？`,
      content: '这天不再给你派单；已派给你的上门需商家先改派。',
      confirmText: '请假',
    })
    if (!confirm) return
    setBusy(true)
    const result = await callCloud(visitStaffApi.setHours, { date, hours: [], note: '请假' })
    setBusy(false)
    if (result.ok) toast('已请假')
    else void Taro.showModal({ title: '没有请假', content: result.message, showCancel: false })
  }
  return (
    <View className="tasks__leave" onClick={() => !busy && void leave()}>
      <Text>{busy ? '提交中…' : '这天请假'}</Text>
    </View>
  )
}
