// Toasts and yes/no modals for the pages, so each page asks and reports the same way.
import Taro from '@tarojs/taro'

/** A plain text toast, long enough to read a server message. */
export const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

interface ConfirmOptions {
  /** WeChat caps both button texts at 4 characters. */
  confirmText?: string
  cancelText?: string
  confirmColor?: string
}

/** Resolves to whether the user confirmed; a refused modal counts as "no". */
export const confirmModal = (title: string, content: string, options: ConfirmOptions = {}) =>
  Taro.showModal({ title, content, ...options }).then(
    (res) => res.confirm,
    () => false,
  )
