import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { nameNavigationBarButtons } from './services/h5-navigation-bar'
import { listenForPrivacyRequests } from './services/privacy'
import './app.scss'

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
