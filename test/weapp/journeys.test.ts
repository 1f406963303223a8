// The shared journeys (test/journeys) on the weapp build: the compiled bundle in WeChat's
// component framework, calling the real cloud functions through the local cloud.
import { JOURNEYS } from '../journeys'
import { consumerA } from '../journeys/shop'
import { setupWeappApp } from './harness/app'
import { weappJourneyContext } from './harness/driver'

const ctx = weappJourneyContext(setupWeappApp(consumerA))

for (const [name, run, timeoutMs] of JOURNEYS) test(name, () => run(ctx), timeoutMs)
