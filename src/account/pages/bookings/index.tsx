// 我的 → 我的预约 (issue 18): the customer's home visits and designer appointments in one list,
// upcoming first. Opened from an order page with `orderId`, it first offers that order's
// 预约设计师 (the booking is linked to the order).
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Loadable } from '@/components/state-view'
import AppointmentEntry from './appointment-entry'
import { bookingEntries } from './booking-entries'
import DesignerSlots from './designer-slots'
import { useBookings } from './use-bookings'
import VisitEntry from './visit-entry'
import './index.scss'

export default function Bookings() {
  const orderId = useRouter().params.orderId
  const { visits, appointments, reload, cancel, refusal } = useBookings()
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  const both =
    visits.data && appointments.data
      ? { visits: visits.data.visits, bookings: appointments.data.items }
      : undefined
  const error = visits.error ?? appointments.error
  const shown = refusal ?? (both && error)

  return (
    <View className="bookings">
      {orderId ? <DesignerSlots orderId={orderId} onBooked={reload} /> : null}
      {shown ? <Text className="bookings__stale">{shown.message}</Text> : null}
      <Loadable
        state={{ data: both, error, reload }}
        rows={2}
        empty={{
          when: (data) => data.visits.length + data.bookings.length === 0,
          text: '还没有预约',
        }}
      >
        {(data) => {
          const now = new Date()
          return (
            <View className="bookings__list">
              {bookingEntries(data.visits, data.bookings, now).map((entry) =>
                entry.type === 'visit' ? (
                  <VisitEntry key={entry.key} visit={entry.visit} />
                ) : (
                  <AppointmentEntry
                    key={entry.key}
                    booking={entry.booking}
                    upcoming={entry.upcoming}
                    onCancel={() => void cancel(entry.booking)}
                  />
                ),
              )}
            </View>
          )
        }}
      </Loadable>
    </View>
  )
}
