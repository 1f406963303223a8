// H5 / local mode: the simulated WeChat authorisation sheet, shown when a tap asks for
// subscriptions (services/subscribe-sheet). Like WeChat's: the mini program's name, up to 3
// message titles each with 允许/拒绝, "总是保持以上选择，不再询问", 取消 / 确定.
// Each page with a tap point renders one host; on weapp it renders nothing. Consent needs a
// deliberate tap: the sheet opens away from the tap that asked, and its choices ignore taps in
// the first SHEET_ARMING_MS (marked aria-disabled meanwhile); 取消 always works.
import { useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { MESSAGE_TITLES, purposeOfTemplateId } from '@/domain/message-templates'
import { SHEET_ARMING_MS, isDeliberateTap } from '@/domain/subscribe-sheet'
import { registerSheetHost, type SheetRequest } from '@/services/subscribe-sheet'
import './index.scss'

const APP_NAME = '柔性定制'

function titleOf(tmplId: string): string {
  const purpose = purposeOfTemplateId(tmplId)
  return purpose ? MESSAGE_TITLES[purpose].title : tmplId
}

function SubscribeSheetHost() {
  const [request, setRequest] = useState<SheetRequest | null>(null)
  const [allowed, setAllowed] = useState<Record<string, boolean>>({})
  const [keep, setKeep] = useState(false)
  const registration = useRef<ReturnType<typeof registerSheetHost>>()
  const shownAt = useRef(0)
  const [armed, setArmed] = useState(false)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    registration.current = registerSheetHost((next) => {
      setAllowed(Object.fromEntries(next.plan.ask.map((id) => [id, true])))
      setKeep(false)
      setRequest(next)
    })
    return () => registration.current?.unregister()
  }, [])
  useDidShow(() => registration.current?.bringToTop())

  // Counted from when the sheet is drawn, not from when it was asked for.
  useEffect(() => {
    if (!request) return undefined
    shownAt.current = Date.now()
    setArmed(false)
    const timer = setTimeout(() => setArmed(true), SHEET_ARMING_MS)
    return () => clearTimeout(timer)
  }, [request])

  if (!request) return null
  const close = (decision: Parameters<SheetRequest['decide']>[0]) => {
    setRequest(null)
    request.decide(decision)
  }
  /** Runs `choose` only for a tap made on the sheet as seen. */
  const deliberate = (choose: () => void) => () => {
    if (isDeliberateTap(shownAt.current, Date.now())) choose()
  }
  const arming = armed ? undefined : 'true'

  return (
    <View className={`subscribe-sheet subscribe-sheet--${request.dock}`}>
      <View className="subscribe-sheet__mask" />
      <View className="subscribe-sheet__panel">
        <View className="subscribe-sheet__head">
          <View className="subscribe-sheet__logo">
            <Text>柔</Text>
          </View>
          <Text className="subscribe-sheet__app">{APP_NAME} 申请</Text>
          <Text className="subscribe-sheet__simulated">本地模拟</Text>
        </View>
        <Text className="subscribe-sheet__title">向你发送以下消息</Text>
        <View className="subscribe-sheet__items">
          {request.plan.ask.map((id) => (
            <View
              key={id}
              className={`subscribe-item${allowed[id] ? ' subscribe-item--on' : ''}`}
              data-template={id}
              role="switch"
              aria-checked={allowed[id] ? 'true' : 'false'}
              aria-disabled={arming}
              onClick={deliberate(() => setAllowed((prev) => ({ ...prev, [id]: !prev[id] })))}
            >
              <Text className="subscribe-item__title">{titleOf(id)}</Text>
              <Text className="subscribe-item__state">{allowed[id] ? '允许' : '拒绝'}</Text>
              <View className="subscribe-item__switch">
                <View className="subscribe-item__knob" />
              </View>
            </View>
          ))}
        </View>
        <View
          className={`subscribe-sheet__keep${keep ? ' subscribe-sheet__keep--on' : ''}`}
          role="checkbox"
          aria-checked={keep ? 'true' : 'false'}
          aria-disabled={arming}
          onClick={deliberate(() => setKeep((prev) => !prev))}
        >
          <View className="subscribe-sheet__check">
            <Text>{keep ? '✓' : ''}</Text>
          </View>
          <Text>总是保持以上选择，不再询问</Text>
        </View>
        <View className="subscribe-sheet__buttons">
          <View
            className="subscribe-sheet__button subscribe-sheet__cancel"
            onClick={() => close({ kind: 'cancel', keep })}
          >
            <Text>取消</Text>
          </View>
          <View
            className={`subscribe-sheet__button subscribe-sheet__confirm${armed ? '' : ' subscribe-sheet__confirm--arming'}`}
            role="button"
            aria-disabled={arming}
            onClick={deliberate(() => close({ kind: 'confirm', allowed, keep }))}
          >
            <Text>确定</Text>
          </View>
        </View>
      </View>
    </View>
  )
}

const NoSheet = () => null

/** WeChat draws its own sheet: the weapp build ships none of the simulated one. */
export default process.env.TARO_ENV === 'h5' ? SubscribeSheetHost : NoSheet
