// 我的预约's data: the customer's home visits (visit.mine) and designer appointments
// (appointment.mine), read side by side, and 取消预约 of an appointment: asked first, then the
// list is read again; a refusal (e.g. SLOT_PAST) is kept to show its Chinese message. One change
// at a time: a second tap while one runs does nothing.
import { useCallback, useRef, useState } from 'react'
import { appointmentApi } from '@/domain/api/appointment'
import { visitApi } from '@/domain/api/visit'
import type { Fail } from '@/domain/result'
import { formatChinaTime } from '@/domain/time'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'
import { confirmModal, toast } from '@/services/feedback'
import type { BookingItem } from './booking-entries'

export function useBookings() {
  const visits = useCloud(visitApi.mine, {})
  const appointments = useCloud(appointmentApi.mine)
  const running = useRef(false)
  const [refusal, setRefusal] = useState<Fail>()
  const reloadVisits = visits.reload
  const reloadAppointments = appointments.reload

  const reload = useCallback(
    () => Promise.all([reloadVisits(), reloadAppointments()]).then(() => undefined),
    [reloadVisits, reloadAppointments],
  )

  const cancel = useCallback(
    async (booking: BookingItem) => {
      if (running.current) return
      const when = formatChinaTime(booking.startsAt, 'M月D日 HH:mm')
      const question = `取消 ${when} 与设计师${booking.designer}的预约？`
      if (
        !(await confirmModal('取消预约', question, {
          confirmText: '确定取消',
          cancelText: '再想想',
        }))
      )
        return
      running.current = true
      setRefusal(undefined)
      const result = await callCloud(appointmentApi.cancel, { slotId: booking.id })
      running.current = false
      if (!result.ok) return setRefusal(result)
      toast('预约已取消')
      await reloadAppointments()
    },
    [reloadAppointments],
  )

  return { visits, appointments, reload, cancel, refusal }
}
