import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // Identity comes from WeChat itself; the cloud functions read it with getWXContext().
      Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
    }
  })

  // children are the pages being rendered
  return children
}

export default App
