// The shared journeys (test/journeys) on the H5 build in a real Chromium; the same descriptions run
// on the weapp build in test/weapp/journeys.test.ts.
import { JOURNEYS } from '../journeys'
import { setupH5App } from './app'
import { h5JourneyContext } from './h5-driver'

const ctx = h5JourneyContext(setupH5App())

for (const [name, run, timeoutMs] of JOURNEYS) test(name, () => run(ctx), timeoutMs)
