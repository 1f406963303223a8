import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { book } from './actions/book'
import { bookings } from './actions/bookings'
import { cancel } from './actions/cancel'
import { defineSlots } from './actions/define-slots'
import { listSlots } from './actions/list-slots'
import { mine } from './actions/mine'

export const main = createRouter(FUNCTIONS.appointment, {
  [ACTIONS.appointment.defineSlots]: defineSlots,
  [ACTIONS.appointment.listSlots]: listSlots,
  [ACTIONS.appointment.book]: book,
  [ACTIONS.appointment.cancel]: cancel,
  [ACTIONS.appointment.mine]: mine,
  [ACTIONS.appointment.bookings]: bookings,
})
