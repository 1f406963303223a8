import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { nameNavigationBarButtons } from './services/h5-navigation-bar'
import { loadLocalUsers } from './services/local-identity'
import { listenForPrivacyRequests } from './services/privacy'
import './app.scss'

// H5: ask the local cloud who may call it while the page's chunk loads, not after; the first
// screen's cloud call waits for the answer. A failure is retried by the first call that needs it.
if (process.env.TARO_ENV === 'h5') loadLocalUsers().catch(() => undefined)

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // Identity comes from WeChat itself; the cloud functions read it with getWXContext().
      Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
      // Privacy APIs wait for the consent popup of the page on screen (components/privacy-consent).
      listenForPrivacyRequests()
    }
    if (process.env.TARO_ENV === 'h5') nameNavigationBarButtons()
  })

  // children are the pages being rendered
  return children
}

export default App
