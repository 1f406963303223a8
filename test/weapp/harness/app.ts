// One phone per test file: a local cloud on a fresh database with the demo shop, and the compiled
// mini program launched in it as a chosen user. Build first: `npm run build:weapp` (npm test does).
import { FUNCTIONS_ROOT } from '../../../tools/build-cloudfunctions'
import { DEMO_USERS, seedDemo } from '../../../tools/seed/demo'
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud'
import { MiniProgram } from './mini-program'

export interface WeappApp {
  cloud: TestCloud
  phone: MiniProgram
}

/**
 * Registers beforeAll/afterAll; the returned object is filled in before the first test.
 * `launch: false` leaves the cold start to the test (e.g. to script the wx stand-in first).
 */
export function setupWeappApp(openid: string, { launch = true } = {}): WeappApp {
  const app = {} as WeappApp
  beforeAll(async () => {
    app.cloud = await startTestCloud({ functionsRoot: FUNCTIONS_ROOT, users: DEMO_USERS })
    await seedDemo(app.cloud.store)
    app.phone = new MiniProgram(
      openid,
      (name, data, caller) => app.cloud.invoke(name, data, caller),
      (outTradeNo, outcome) => app.cloud.pay.complete(outTradeNo, outcome),
    )
    if (launch) await app.phone.launch()
  }, 60_000)
  afterAll(async () => {
    await app.phone?.wx.idle()
    app.phone?.close()
    await app.cloud?.stop()
  })
  return app
}
