import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { startFirstScreenRead } from './services/first-screen'
import { nameNavigationBarButtons } from './services/h5-navigation-bar'
import { loadLocalUsers } from './services/local-identity'
import { listenForPrivacyRequests } from './services/privacy'
import './app.scss'

// H5: ask the local cloud who may call it, and start the launch page's first read, while the
// page's chunk loads, not after it renders. A failure is retried by the first call that needs it.
if (process.env.TARO_ENV === 'h5') {
  loadLocalUsers().catch(() => undefined)
  startFirstScreenRead()
}

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
