// Reads a page's data again when the page shows after being hidden: back from another page
// (or another app), what was just done there must show here without a pull-down.
import { useRef } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

export function useReloadOnReturn(reload: () => unknown): void {
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    void reload()
  })
}
