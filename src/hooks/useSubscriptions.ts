// The 订阅设置 page's data: message.settings with the device's own "always" choices and main
// switch laid over it (getSetting is the truth on the phone), the on/off and quiet-hours
// preferences, and 增加次数, which runs the same request flow as any tap point.
import { messageApi } from '@/domain/api/message'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { templateIdOf } from '@/domain/message-templates'
import type { MessagePurpose, MessageSettings, PreferenceInput, TapPoint } from '@/domain/messages'
import type { Fail } from '@/domain/result'
import { alwaysFor, type SubscriptionsSnapshot } from '@/domain/subscribe-request'
import { callCloud } from '@/services/cloud'
import { onLocalIdentityChange } from '@/services/local-identity'
import {
  askForSubscriptions,
  loadMessageSettings,
  readSubscriptionsSetting,
  type SubscriptionRequest,
} from '@/services/subscribe'

const templates = { idOf: templateIdOf }

/** Server settings with getSetting's view of "always" and the main switch. */
export function withDeviceSetting(
  settings: MessageSettings,
  device: SubscriptionsSnapshot | undefined,
): MessageSettings {
  return {
    ...settings,
    mainSwitch: typeof device?.mainSwitch === 'boolean' ? device.mainSwitch : settings.mainSwitch,
    items: settings.items.map((item) => ({
      ...item,
      always: alwaysFor(item.purpose, templates, device, item.always),
    })),
  }
}

export function useSubscriptions() {
  const [data, setData] = useState<MessageSettings>()
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<Fail>()
  const [busy, setBusy] = useState<MessagePurpose | 'quietHours' | null>(null)
  const latest = useRef(0)

  const show = useCallback(async (settings: MessageSettings) => {
    setData(withDeviceSetting(settings, await readSubscriptionsSetting()))
  }, [])

  const reload = useCallback(async () => {
    const id = ++latest.current
    setLoading(true)
    const result = await loadMessageSettings()
    if (id !== latest.current) return
    if (result.ok) await show(result.data)
    setError(result.ok ? undefined : result)
    setLoading(false)
  }, [show])

  useEffect(() => {
    void reload()
    if (process.env.TARO_ENV !== 'h5') return undefined
    return onLocalIdentityChange(() => void reload())
  }, [reload])

  // Back from WeChat's settings page the switches may have changed.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void reload()
    shown.current = true
  })

  const setPreference = useCallback(
    async (input: PreferenceInput) => {
      setBusy('purpose' in input ? input.purpose : 'quietHours')
      const result = await callCloud(messageApi.setPreference, input)
      if (result.ok) await show(result.data)
      setError(result.ok ? undefined : result)
      setBusy(null)
    },
    [show],
  )

  /** Call straight from the tap: the request must start inside the tap's call chain. */
  const addCredits = useCallback(
    (purpose: MessagePurpose) => {
      const request = askForSubscriptions([purpose])
      if (request.asked.length === 0) return
      setBusy(purpose)
      void request.recorded.then(async (settings) => {
        if (settings) await show(settings)
        setBusy(null)
      })
    },
    [show],
  )

  return { data, loading, error, busy, reload, setPreference, addCredits }
}

/**
 * For a page with a tap point: loads message.settings on mount (and after an H5 identity switch)
 * so the tap can ask without a network wait, and returns `ask`, which asks at most once per
 * visit of the page so the customer is never asked twice for the same action.
 */
export function useSubscribeAtTap(tap: TapPoint): () => SubscriptionRequest {
  useEffect(() => {
    void loadMessageSettings()
    if (process.env.TARO_ENV !== 'h5') return undefined
    return onLocalIdentityChange(() => void loadMessageSettings())
  }, [])
  const request = useRef<SubscriptionRequest>()
  return useCallback(() => (request.current ??= askForSubscriptions(tap)), [tap])
}
