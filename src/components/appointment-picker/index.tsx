// Booking a designer: the next open slots; a tap asks for confirmation, then books. A slot taken
// meanwhile shows the cloud's readable message and the list refreshes.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { BookingView, Page, SlotView } from '@/domain/appointment'
import type { Fail } from '@/domain/result'
import { formatChinaTime } from '@/domain/time'
import type { CloudState } from '@/hooks/useCloud'
import './index.scss'

export interface AppointmentPickerProps {
  slots: CloudState<Page<SlotView>>
  booking: BookingView | undefined
  bookingId: string | undefined
  error: Fail | undefined
  onBook: (slotId: string) => Promise<unknown>
}

const when = (slot: SlotView) =>
  `${formatChinaTime(slot.startsAt, 'M月D日 HH:mm')}–${formatChinaTime(slot.endsAt, 'HH:mm')}`

export default function AppointmentPicker({
  slots,
  booking,
  bookingId,
  error,
  onBook,
}: AppointmentPickerProps) {
  const confirm = async (slot: SlotView) => {
    if (bookingId) return
    const answer = await Taro.showModal({
      title: '预约设计师',
      content: `${slot.designer}，${when(slot)}（${slot.minutes} 分钟）`,
      confirmText: '确认预约',
      cancelText: '再想想',
    })
    if (answer.confirm) await onBook(slot.id)
  }

  if (booking) {
    return (
      <View className="appointment appointment--booked">
        <Text className="appointment__done">
          已预约：{booking.designer}，{when(booking)}
        </Text>
        <Text className="appointment__note">设计师会在预约时间联系你</Text>
      </View>
    )
  }
  const items = slots.data?.items ?? []
  return (
    <View className="appointment">
      {error ? <Text className="appointment__error field-error">{error.message}</Text> : null}
      {slots.loading && !slots.data ? (
        <Text className="appointment__note">正在读取可预约时段…</Text>
      ) : slots.error && !slots.data ? (
        <View className="appointment__retry" onClick={() => void slots.reload()}>
          <Text>{slots.error.message}，点此重试</Text>
        </View>
      ) : items.length === 0 ? (
        <Text className="appointment__note">近期暂无可预约时段</Text>
      ) : (
        items.map((slot) => (
          <View
            key={slot.id}
            className={`slot${bookingId === slot.id ? ' slot--busy' : ''}`}
            data-slot={slot.id}
            onClick={() => void confirm(slot)}
          >
            <Text className="slot__designer">{slot.designer}</Text>
            <Text className="slot__time">{when(slot)}</Text>
            <Text className="slot__action">{bookingId === slot.id ? '预约中…' : '预约'}</Text>
          </View>
        ))
      )}
    </View>
  )
}
