// 预约设计师 for one order (opened from the order page with `orderId`): the customise page's
// picker, booking the slot linked to the order; the list below is read again after a booking.
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import AppointmentPicker from '@/components/appointment-picker'
import { useAppointment } from '@/hooks/useAppointment'

export default function DesignerSlots(props: { orderId: string; onBooked: () => unknown }) {
  const { slots, booking, bookingId, error, book } = useAppointment(props.orderId)
  const { onBooked } = props
  useEffect(() => {
    if (booking) void onBooked()
  }, [booking, onBooked])

  return (
    <View className="bookings-designer">
      <Text className="booking__title">预约设计师</Text>
      <AppointmentPicker
        slots={slots}
        booking={booking}
        bookingId={bookingId}
        error={error}
        onBook={book}
      />
    </View>
  )
}
