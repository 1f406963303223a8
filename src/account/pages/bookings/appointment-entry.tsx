// One designer appointment in 我的预约: the designer, when, the order it is about, and, until it
// has ended, 取消预约 (the cloud decides: one that has started answers SLOT_PAST, shown above).
import { Text, View } from '@tarojs/components'
import { formatChinaTime } from '@/domain/time'
import type { BookingItem } from './booking-entries'

interface Props {
  booking: BookingItem
  upcoming: boolean
  onCancel: () => void
}

export default function AppointmentEntry({ booking, upcoming, onCancel }: Props) {
  return (
    <View className="booking booking--appointment">
      <View className="booking__head">
        <Text className="booking__title">设计师 {booking.designer}</Text>
        <Text className="booking__state">{upcoming ? '已预约' : '已结束'}</Text>
      </View>
      <Text className="booking__when">
        {formatChinaTime(booking.startsAt, 'M月D日 HH:mm')}–
        {formatChinaTime(booking.endsAt, 'HH:mm')}
      </Text>
      {booking.orderNo ? (
        <Text className="booking__detail booking__order">
          {booking.productName} · {booking.orderNo}
        </Text>
      ) : null}
      {booking.note ? <Text className="booking__detail">{booking.note}</Text> : null}
      {upcoming ? (
        <View className="booking__cancel" onClick={onCancel}>
          <Text>取消预约</Text>
        </View>
      ) : null}
    </View>
  )
}
