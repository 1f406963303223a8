// The shared journeys (test/journeys) on the H5 build in a real Chromium; the same descriptions run
// on the weapp build in test/weapp/journeys.test.ts.
import {
  followOrderAndChooseRemedy,
  networkFailureKeepsInput,
  orderShirtAndSubscribe,
} from '../journeys/consumer'
import { setupH5App } from './app'
import { h5JourneyContext } from './h5-driver'

const ctx = h5JourneyContext(setupH5App())

test(
  'order a shirt with measurements and allow the messages at submit',
  () => orderShirtAndSubscribe(ctx),
  60_000,
)
test(
  'follow an order and take the coupon when it is delayed',
  () => followOrderAndChooseRemedy(ctx),
  60_000,
)
test(
  'a lost network answer keeps the form and a retry places one order',
  () => networkFailureKeepsInput(ctx),
  60_000,
)
