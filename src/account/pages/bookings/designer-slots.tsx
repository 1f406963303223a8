// 预约设计师 for one order (opened from the order page with `orderId`): the next open designer
// slots; a tap asks first, then books the slot linked to the order and the list below is read
// again. A refusal (taken meanwhile, started) shows its message and the slots are read again.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { appointmentApi } from '@/domain/api/appointment'
import type { SlotView } from '@/domain/appointment'
import { formatChinaTime } from '@/domain/time'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'
import { confirmModal, toast } from '@/services/feedback'

const when = (slot: SlotView) => formatChinaTime(slot.startsAt, 'M月D日 HH:mm')

export default function DesignerSlots(props: { orderId: string; onBooked: () => unknown }) {
  const slots = useCloud(appointmentApi.listSlots, { limit: 6 })
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const book = async (slot: SlotView) => {
    if (busy || !(await confirmModal('预约设计师', `${slot.designer}，${when(slot)}`))) return
    setBusy(true)
    setError('')
    const result = await callCloud(appointmentApi.book, { slotId: slot.id, orderId: props.orderId })
    setBusy(false)
    void slots.reload()
    if (!result.ok) return setError(result.message)
    toast('已预约')
    void props.onBooked()
  }

  const items = slots.data?.items ?? []
  return (
    <View className="bookings-designer">
      <Text className="booking__title">预约设计师</Text>
      {error || slots.error ? (
        <Text className="booking__error">{error || slots.error?.message}</Text>
      ) : null}
      {slots.data && items.length === 0 ? (
        <Text className="booking__detail">暂无可约时段</Text>
      ) : null}
      {items.map((slot) => (
        <View key={slot.id} className="bookings-slot" onClick={() => void book(slot)}>
          <Text>
            {slot.designer} {when(slot)}
          </Text>
          <Text className="booking__state">预约</Text>
        </View>
      ))}
    </View>
  )
}
