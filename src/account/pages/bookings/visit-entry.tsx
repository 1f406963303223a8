// One home visit in 我的预约: its service, state, window and who comes; a tap opens 上门服务 for
// its order, where it is changed.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatChinaTime } from '@/domain/time'
import { VISIT_KIND_LABELS, VISIT_NODE_LABELS } from '@/domain/visit-labels'
import { ACCOUNT_PAGES } from '@/routes'
import type { VisitItem } from './booking-entries'

export default function VisitEntry({ visit }: { visit: VisitItem }) {
  const open = () =>
    void Taro.navigateTo({ url: `${ACCOUNT_PAGES.visit}?orderId=${visit.orderId}` })
  return (
    <View className={`booking booking--visit booking--${visit.node}`} onClick={open}>
      <View className="booking__head">
        <Text className="booking__title">{VISIT_KIND_LABELS[visit.kind]}</Text>
        <Text className="booking__state">{VISIT_NODE_LABELS[visit.node]}</Text>
      </View>
      <Text className="booking__when">
        {formatChinaTime(visit.window.start, 'M月D日 HH:mm')}–
        {formatChinaTime(visit.window.end, 'HH:mm')}
      </Text>
      <Text className="booking__detail">
        {visit.staffName ? `上门师傅：${visit.staffName}` : visit.address}
      </Text>
      {visit.node === 'missed' ? <Text className="booking__detail">商家会联系您改约</Text> : null}
    </View>
  )
}
