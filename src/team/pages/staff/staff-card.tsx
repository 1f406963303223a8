// One person on 师傅管理: skills, districts, weekly hours, the next week's own days, and either
// 已加入 or the invite code to hand over (复制, and how to use it); 编辑, 某天工时, 停用 / 启用.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { ChinaDate } from '@/domain/china-date'
import type { Result } from '@/domain/result'
import { SKILL_LABELS } from '@/domain/visit-labels'
import DayHoursForm from './day-hours-form'
import { weeklyText } from './hours-text'
import type { HoursInput, StaffRow } from './use-staff'

interface Props {
  row: StaffRow
  today: ChinaDate
  busy: boolean
  onEdit: () => void
  onActive: (active: boolean) => void
  onHours: (input: HoursInput) => Promise<Result<unknown>>
}

export default function StaffCard({ row, today, busy, onEdit, onActive, onHours }: Props) {
  const [hoursOpen, setHoursOpen] = useState(false)
  const ownDays = row.days.filter((day) => day.own).slice(0, 5)
  const copy = (code: string) =>
    void Taro.setClipboardData({
      data: `师傅入驻邀请码：${code}（在店主分享的「师傅入驻」页输入）`,
    })
  return (
    <View className={`staff-card${row.active ? '' : ' staff-card--inactive'}`}>
      <View className="staff-card__head">
        <Text className="staff-card__name">{row.name}</Text>
        {row.role === 'owner' ? <Text className="staff-card__tag">店主</Text> : null}
        <Text className="staff-card__state">
          {!row.active ? '已停用' : row.joined ? '已加入' : '待加入'}
        </Text>
      </View>
      <Text className="staff-card__line">{`技能：${row.skills.map((s) => SKILL_LABELS[s]).join('、')}`}</Text>
      <Text className="staff-card__line">{`区域：${row.districts.join('、')}`}</Text>
      <Text className="staff-card__line">{`每周：${weeklyText(row.weeklyHours)}`}</Text>
      {ownDays.map((day) => (
        <Text key={day.date} className="staff-card__own">
          {`${day.date}：${day.hours.length ? day.hours.join('、') : '休息'}`}
        </Text>
      ))}
      {row.invite ? (
        <View className="staff-card__invite">
          <Text className="staff-card__code">{`邀请码 ${row.invite.code}`}</Text>
          <View className="staff-card__copy" onClick={() => copy(row.invite!.code)}>
            <Text>复制</Text>
          </View>
          {/* WeChat's share card opens 师傅入驻 with the code filled in (useShareAppMessage). */}
          <Button className="staff-card__share" openType="share" data-code={row.invite.code}>
            分享给师傅
          </Button>
          <Text className="staff-card__hint">
            {`把「师傅入驻」分享给${row.name}，他打开后用自己的微信加入；也可复制邀请码让他在该页输入。${row.invite.expiresAt.slice(0, 10)} 前有效，过期后点编辑保存即换新码`}
          </Text>
        </View>
      ) : null}
      <View className="staff-card__actions">
        <View className="staff-card__edit" onClick={onEdit}>
          <Text>编辑</Text>
        </View>
        {row.active ? (
          <View className="staff-card__hours-open" onClick={() => setHoursOpen(!hoursOpen)}>
            <Text>某天工时</Text>
          </View>
        ) : null}
        {row.role === 'owner' ? null : (
          <View className="staff-card__active" onClick={() => !busy && onActive(!row.active)}>
            <Text>{row.active ? '停用' : '启用'}</Text>
          </View>
        )}
      </View>
      {hoursOpen ? (
        <DayHoursForm
          staffId={row.id}
          today={today}
          busy={busy}
          onSave={onHours}
          onClose={() => setHoursOpen(false)}
        />
      ) : null}
    </View>
  )
}
