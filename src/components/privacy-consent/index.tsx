// The privacy consent popup (《柔性定制隐私保护指引》). Shown when a privacy API waits for consent
// (weapp: onNeedPrivacyAuthorization) or, with `reason`, as soon as a page that collects personal
// data opens without consent. weapp agrees through WeChat's agreePrivacyAuthorization button; H5
// simulates it (services/privacy). Each page that collects personal data renders one.
import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import {
  PRIVACY_AGREE_BUTTON_ID,
  ensurePrivacyConsent,
  openPrivacyGuide,
  recordPrivacyAnswer,
  registerPrivacyHost,
  type PrivacyAnswer,
  type PrivacyRequest,
} from '@/services/privacy'
import { BEHAVIOUR_PRIVACY_TEXT } from '@/domain/behaviour'
import './index.scss'

const GUIDE = '《柔性定制隐私保护指引》'
const SUMMARY = [
  '收货人姓名、手机号与地址：仅用于制作、配送和售后，随订单保存；商家列表中手机号打码显示。',
  '量体数据：另行征得你的同意后保存，仅用于制作你的定制商品。',
  BEHAVIOUR_PRIVACY_TEXT,
  '你可以随时在“我的 → 我的数据”中导出或删除个人数据。',
]

export interface PrivacyConsentProps {
  /** Ask on open, e.g. "填写收货地址"; refusing leaves the page. Without it: only on request. */
  reason?: string
  /** Shown on the page the refusal lands on: why consent is needed and how to give it later. */
  refusedHint?: string
}

function leavePage(hint?: string) {
  // Not a silent bounce: the customer learns why, on the page they land on.
  const tell = () => {
    if (hint) void Taro.showToast({ title: hint, icon: 'none', duration: 4000 })
  }
  void Taro.navigateBack()
    .catch(() => Taro.reLaunch({ url: '/pages/index/index' }))
    // Taro's H5 router hides a toast shown while the route is still changing: wait it out.
    .then(() => setTimeout(tell, process.env.TARO_ENV === 'h5' ? 400 : 0))
}

export default function PrivacyConsent({ reason, refusedHint }: PrivacyConsentProps) {
  const [request, setRequest] = useState<PrivacyRequest | null>(null)
  const [guideOpen, setGuideOpen] = useState(false)
  const registration = useRef<ReturnType<typeof registerPrivacyHost>>()

  useEffect(() => {
    registration.current = registerPrivacyHost((next) => {
      setGuideOpen(false)
      setRequest(next)
    })
    return () => registration.current?.unregister()
  }, [])
  useDidShow(() => registration.current?.bringToTop())

  useEffect(() => {
    if (!reason) return
    void ensurePrivacyConsent(reason).then((agreed) => {
      if (!agreed) leavePage(refusedHint)
    })
  }, [reason, refusedHint])

  // A block body: whatever WeChat's resolve() returns must not become this effect's cleanup.
  useEffect(() => {
    request?.shown?.()
  }, [request])

  if (!request) return null
  const answer = (value: PrivacyAnswer) => {
    void recordPrivacyAnswer(value)
    setRequest(null)
    request.answer(value)
  }
  const showGuide = () => {
    if (process.env.TARO_ENV === 'weapp') openPrivacyGuide()
    else setGuideOpen((open) => !open)
  }
  const weapp = process.env.TARO_ENV === 'weapp'

  return (
    <View className="privacy-consent">
      <View className="privacy-consent__mask" />
      <View className="privacy-consent__panel">
        <Text className="privacy-consent__title">隐私保护提示</Text>
        <Text className="privacy-consent__text">
          {`${reason ? `${reason}前，` : ''}请阅读并同意`}
          <Text className="privacy-consent__link" onClick={showGuide}>
            {GUIDE}
          </Text>
          。同意后才会收集和使用你填写的个人信息。
        </Text>
        {guideOpen ? (
          <View className="privacy-consent__guide">
            {SUMMARY.map((line) => (
              <Text key={line} className="privacy-consent__guide-line">
                {line}
              </Text>
            ))}
          </View>
        ) : null}
        {weapp ? null : <Text className="privacy-consent__simulated">本地模拟</Text>}
        <View className="privacy-consent__buttons">
          <View
            className="privacy-consent__button privacy-consent__disagree"
            onClick={() => answer('disagree')}
          >
            <Text>不同意</Text>
          </View>
          {weapp ? (
            <Button
              id={PRIVACY_AGREE_BUTTON_ID}
              className="privacy-consent__button privacy-consent__agree"
              openType="agreePrivacyAuthorization"
              onAgreePrivacyAuthorization={() => answer('agree')}
            >
              同意
            </Button>
          ) : (
            <View
              className="privacy-consent__button privacy-consent__agree"
              onClick={() => answer('agree')}
            >
              <Text>同意</Text>
            </View>
          )}
        </View>
      </View>
    </View>
  )
}
