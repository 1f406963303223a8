// The shared journeys (test/journeys) on the weapp build: the compiled bundle in WeChat's
// component framework, calling the real cloud functions through the local cloud.
import {
  followOrderAndChooseRemedy,
  networkFailureKeepsInput,
  orderShirtAndSubscribe,
} from '../journeys/consumer'
import { consumerA } from '../journeys/shop'
import { setupWeappApp } from './harness/app'
import { weappJourneyContext } from './harness/driver'

const ctx = weappJourneyContext(setupWeappApp(consumerA))

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
