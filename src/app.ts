import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { startFirstScreenRead } from './services/first-screen'
import { takeFirstScreenBoot } from './services/first-screen-boot'
import { nameNavigationBarButtons } from './services/h5-navigation-bar'
import { loadLocalUsers } from './services/local-identity'
import { listenForPrivacyRequests } from './services/privacy'
import './app.scss'

// H5: who may call the local cloud, and the launch page's first read, as index.html's script
// asked for them before app.js ran (services/first-screen-boot). A failure is retried by the
// first call that needs it.
if (process.env.TARO_ENV === 'h5') {
  const boot = takeFirstScreenBoot()
  loadLocalUsers(boot?.users).catch(() => undefined)
  startFirstScreenRead(boot?.read)
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
