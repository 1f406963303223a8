// One designer appointment in 我的预约: the designer, when, the order it is about, and 取消预约
// until it starts (the cloud decides; a refusal shows its message here).
import { Text, View } from '@tarojs/components'
import type { Fail } from '@/domain/result'
import { formatChinaTime } from '@/domain/time'
import type { BookingItem } from './booking-entries'

interface AppointmentEntryProps {
  booking: BookingItem
  /** Started: it can no longer be cancelled (the page's clock; the cloud checks again). */
  started: boolean
  cancelling: boolean
  error: Fail | undefined
  onCancel: () => void
}

export default function AppointmentEntry(props: AppointmentEntryProps) {
  const { booking, started, cancelling, error, onCancel } = props
  return (
    <View className="booking booking--appointment">
      <View className="booking__head">
        <Text className="booking__title">设计师 {booking.designer}</Text>
        <Text className="booking__state">{started ? '进行中' : '已预约'}</Text>
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
      {booking.note ? <Text className="booking__detail">备注：{booking.note}</Text> : null}
      {error ? <Text className="booking__error">{error.message}</Text> : null}
      {!started ? (
        <View
          className={`booking__cancel${cancelling ? ' is-busy' : ''}`}
          onClick={() => void onCancel()}
        >
          <Text>取消预约</Text>
        </View>
      ) : null}
    </View>
  )
}
