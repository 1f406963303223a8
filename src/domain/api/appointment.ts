// Contracts of the appointment function (designer slots and bookings).
import {
  bookInput,
  bookingsInput,
  cancelInput,
  defineSlotsInput,
  listSlotsInput,
  type BookingView,
  type MerchantBookingView,
  type Page,
  type SlotView,
} from '../appointment'
import { FUNCTIONS } from '../names'
import { noPayload } from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.appointment)

export const appointmentApi = {
  defineSlots: action('defineSlots', defineSlotsInput, returns<{ items: SlotView[] }>()),
  listSlots: action('listSlots', listSlotsInput, returns<Page<SlotView>>()),
  book: action('book', bookInput, returns<BookingView>()),
  cancel: action('cancel', cancelInput, returns<SlotView>()),
  mine: action('mine', noPayload, returns<{ items: BookingView[] }>()),
  bookings: action('bookings', bookingsInput, returns<Page<MerchantBookingView>>()),
}
