// 设计师预约: add time slots for a designer (date, start, length; several before publishing them
// in one go) and see who booked which slot in the next two weeks.
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import { addDays, chinaDateOf } from '@/domain/china-date'
import { DESIGNER_NAME_MAX } from '@/domain/appointment'
import { formatChinaTime } from '@/domain/time'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { BOOKINGS_WINDOW_DAYS, defineSlots, useMerchantBookings } from '@/hooks/useMerchantBookings'
import { checkNextSlot, type SlotDraft } from '@/domain/slot-form'
import { confirmModal, toast } from '@/services/feedback'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import './index.scss'

const LENGTHS = [30, 60, 90] as const

function AppointmentsPageBody() {
  const bookings = useMerchantBookings()
  const today = chinaDateOf(new Date())
  const [draft, setDraft] = useState<SlotDraft>({
    designer: '',
    date: addDays(today, 1),
    time: '10:00',
    minutes: 60,
  })
  const [pending, setPending] = useState<SlotDraft[]>([])
  const [busy, setBusy] = useState(false)

  usePullDownRefresh(() => void bookings.reload().finally(() => Taro.stopPullDownRefresh()))

  const add = () => {
    const checked = checkNextSlot(pending, draft, new Date())
    if (!checked.ok) return toast(checked.message)
    setPending((prev) => [...prev, checked.data])
  }

  const publish = async () => {
    if (!(await confirmModal('发布时段', `发布 ${pending.length} 个时段，顾客即可预约？`))) return
    setBusy(true)
    const result = await defineSlots(pending)
    setBusy(false)
    if (!result.ok) return toast(result.message)
    setPending([])
    toast(`已发布 ${result.data.items.length} 个时段`)
  }

  const items = bookings.data?.items ?? []
  return (
    <View className="appointments">
      <MerchantNav current="appointments" />

      <View className="slot-form">
        <Text className="slot-form__title">新增时段</Text>
        <Input
          className="slot-form__input slot-form__designer"
          value={draft.designer}
          maxlength={DESIGNER_NAME_MAX}
          placeholder="设计师，如 陈老师"
          onInput={(e) => setDraft({ ...draft, designer: e.detail.value })}
        />
        <View className="slot-form__row">
          <Picker
            className="slot-form__cell"
            mode="date"
            value={draft.date}
            start={today}
            onChange={(e) => setDraft({ ...draft, date: e.detail.value })}
          >
            <View className="slot-form__input slot-form__picker">
              <Text>{draft.date}</Text>
            </View>
          </Picker>
          <Picker
            className="slot-form__cell"
            mode="time"
            value={draft.time}
            onChange={(e) => setDraft({ ...draft, time: e.detail.value })}
          >
            <View className="slot-form__input slot-form__picker">
              <Text>{draft.time}</Text>
            </View>
          </Picker>
        </View>
        <View className="slot-form__lengths">
          {LENGTHS.map((minutes) => (
            <View
              key={minutes}
              className={`slot-form__length${draft.minutes === minutes ? ' slot-form__length--on' : ''}`}
              onClick={() => setDraft({ ...draft, minutes })}
            >
              <Text>{minutes} 分钟</Text>
            </View>
          ))}
        </View>
        <View className="slot-form__add" onClick={add}>
          <Text>加入待发布</Text>
        </View>
        {pending.map((slot, index) => (
          <View key={`${slot.date}-${slot.time}-${index}`} className="slot-form__pending">
            <Text>
              {slot.designer} · {slot.date} {slot.time} · {slot.minutes} 分钟
            </Text>
            <Text
              className="slot-form__remove"
              onClick={() => setPending((prev) => prev.filter((_, i) => i !== index))}
            >
              移除
            </Text>
          </View>
        ))}
        {pending.length > 0 ? (
          <View className="slot-form__publish" onClick={() => !busy && void publish()}>
            <Text>{busy ? '发布中…' : `发布 ${pending.length} 个时段`}</Text>
          </View>
        ) : null}
      </View>

      <Text className="appointments__title">未来 {BOOKINGS_WINDOW_DAYS} 天的预约</Text>
      {bookings.error && !bookings.data ? (
        <ErrorState message={bookings.error.message} onRetry={() => void bookings.reload()} />
      ) : !bookings.data ? (
        <SkeletonList rows={2} />
      ) : items.length === 0 ? (
        <EmptyState text="暂无预约" />
      ) : (
        items.map((booking) => (
          <View key={booking.id} className="booking">
            <Text className="booking__time">
              {formatChinaTime(booking.startsAt, 'MM-DD HH:mm')}–
              {formatChinaTime(booking.endsAt, 'HH:mm')}
            </Text>
            <Text className="booking__designer">{booking.designer}</Text>
            {booking.note ? <Text className="booking__note">{booking.note}</Text> : null}
          </View>
        ))
      )}
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function AppointmentsPage() {
  return (
    <MerchantOnly>
      <AppointmentsPageBody />
    </MerchantOnly>
  )
}
