import { appointmentApi } from '@/domain/api/appointment'
import { FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { book } from './actions/book'
import { bookings } from './actions/bookings'
import { cancel } from './actions/cancel'
import { defineSlots } from './actions/define-slots'
import { listSlots } from './actions/list-slots'
import { mine } from './actions/mine'

export const main = createRouter(FUNCTIONS.appointment, appointmentApi, {
  defineSlots: defineSlots,
  listSlots: listSlots,
  book: book,
  cancel: cancel,
  mine: mine,
  bookings: bookings,
})
