// 师傅 on 派单: who works the shown day, their hours, skills, districts and how many visits they
// hold, so the owner sees the day's capacity before assigning. Read-only: staff accounts and days
// off are still written in the console (saveStaff / setHours are not built).
import { Text, View } from '@tarojs/components'
import { SKILL_LABELS } from '@/domain/visit-labels'
import type { DispatchStaffRow } from './use-dispatch'

export default function StaffList({ staff }: { staff: DispatchStaffRow[] }) {
  return (
    <View className="staff-list">
      {staff.map((member) => (
        <View key={member.id} className="staff-list__row">
          <View className="staff-list__head">
            <Text className="staff-list__name">{member.name}</Text>
            <Text className="staff-list__hours">
              {member.hours.length > 0 ? member.hours.join('，') : '休息'}
            </Text>
            <Text className="staff-list__load">{`${member.visits} 单`}</Text>
          </View>
          <Text className="staff-list__detail">
            {`会${member.skills.map((skill) => SKILL_LABELS[skill]).join('、')} · ${member.districts.join('、')}`}
          </Text>
        </View>
      ))}
    </View>
  )
}
