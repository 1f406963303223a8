// 预约上门 for one of the order's visit services: pick a day and a window, then 确认预约, which
// asks for 预约提醒 and books. The request id is made once per form, so a retry after a lost
// answer books once; a refusal keeps the chosen window and says why. On weapp the customer may pin
// the place on WeChat's map (chooseLocation; H5 has no offline map), for the staff's 导航.
import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { visitApi } from '@/domain/api/visit'
import { VISIT_KIND_LABELS } from '@/domain/visit-labels'
import type { VisitKind } from '@/domain/visit-types'
import { useSubscribeAtTap } from '@/hooks/useSubscriptions'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import { newRequestId } from '@/services/request-id'
import type { RunChange } from './use-visits'
import WindowPicker, { type ChosenWindow } from './window-picker'

interface BookPanelProps {
  orderId: string
  kind: VisitKind
  /** Opened from a link naming this kind: the picker shows at once. */
  opened: boolean
  busy: boolean
  change: RunChange
}

export default function BookPanel({ orderId, kind, opened, busy, change }: BookPanelProps) {
  const [open, setOpen] = useState(opened)
  const [chosen, setChosen] = useState<ChosenWindow | null>(null)
  const [error, setError] = useState('')
  const [place, setPlace] = useState<{ latitude: number; longitude: number; name: string }>()
  const requestId = useRef(newRequestId())
  const askForReminder = useSubscribeAtTap('bookVisit')
  const label = VISIT_KIND_LABELS[kind]

  const book = async () => {
    if (!chosen) return setError('请先选择上门时间')
    // WeChat shows the sheet only inside the tap, before any network wait.
    const asking = askForReminder()
    setError('')
    const start = chosen.start
    const payload = { orderId, kind, start, requestId: requestId.current, location: place }
    const result = await change(() => callCloud(visitApi.book, payload))
    if (!result) return
    if (!result.ok) return setError(result.message)
    await asking.answered
    toast(result.data.assigned ? '预约成功' : '已提交预约，商家会尽快安排师傅')
  }

  // Closing the map (fail cancel) keeps what was pinned before.
  const pin = () =>
    Taro.chooseLocation({}).then(
      ({ latitude, longitude, name }) => setPlace({ latitude, longitude, name }),
      () => undefined,
    )

  if (!open)
    return (
      <View className={`visit-book visit-book--${kind}`}>
        <Text className="visit-book__title">{label}</Text>
        <Text className="visit-book__hint">还没有预约</Text>
        <View className="visit-book__open" onClick={() => setOpen(true)}>
          <Text>预约{label}</Text>
        </View>
      </View>
    )
  return (
    <View className={`visit-book visit-book--${kind}`}>
      <Text className="visit-book__title">预约{label}</Text>
      <WindowPicker orderId={orderId} kind={kind} chosen={chosen} onChoose={setChosen} />
      {chosen ? <Text className="visit-book__chosen">已选 {chosen.label}</Text> : null}
      {process.env.TARO_ENV === 'weapp' ? (
        <View className="visit-book__pin" onClick={() => void pin()}>
          <Text>{place ? `位置：${place.name}` : '标记位置（可选）'}</Text>
        </View>
      ) : null}
      {error ? <Text className="visit-book__error">{error}</Text> : null}
      <View className={`visit-book__submit${busy ? ' is-busy' : ''}`} onClick={() => void book()}>
        <Text>{busy ? '提交中…' : '确认预约'}</Text>
      </View>
    </View>
  )
}
