// The remedies a merchant offered for an open exception: pick one, then 确认选择. Tells the
// parent through onChoose, or, compiled as a native custom component, through a `choose` event
// whose detail is `{ remedy }`. The parent confirms and sends order.act choose_remedy.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import { REMEDY_LABELS } from '@/domain/order-labels'
import type { RemedyOffer, RemedyType } from '@/domain/order-types'
import './index.scss'

export function remedyDetail(offer: RemedyOffer): string {
  switch (offer.type) {
    case 'wait_new_eta':
      return `新的预计完成日期：${offer.newEta}`
    case 'coupon':
      return `获得 ${formatFen(offer.amountFen)} 补偿券，订单照常制作`
    case 'switch_warehouse':
      return '从其他仓库调货，尽快为你发出'
    case 'cancel':
      return '不再等待，取消这笔订单'
  }
}

export interface RemedyChooserProps {
  offered: RemedyOffer[]
  /** While the choice is being sent: the button shows it and ignores taps. */
  busy?: boolean
  onChoose?: (remedy: RemedyType) => void
  $scope?: { triggerEvent?: (name: string, detail: object) => void }
}

export default function RemedyChooser({
  offered,
  busy = false,
  onChoose,
  $scope,
}: RemedyChooserProps) {
  const [selected, setSelected] = useState<RemedyType | null>(null)
  const submit = () => {
    if (!selected || busy) return
    onChoose?.(selected)
    $scope?.triggerEvent?.('choose', { remedy: selected })
  }

  return (
    <View className="remedy-chooser">
      {(offered ?? []).map((offer) => (
        <View
          key={offer.type}
          className={`remedy-option${offer.type === selected ? ' remedy-option--active' : ''}`}
          data-remedy={offer.type}
          onClick={() => setSelected(offer.type)}
        >
          <View className="remedy-option__radio" />
          <View className="remedy-option__body">
            <Text className="remedy-option__label">{REMEDY_LABELS[offer.type]}</Text>
            <Text className="remedy-option__detail">{remedyDetail(offer)}</Text>
          </View>
        </View>
      ))}
      <View
        className={`remedy-submit${!selected || busy ? ' remedy-submit--disabled' : ''}`}
        onClick={submit}
      >
        <Text>{busy ? '正在提交…' : selected ? '确认选择' : '请选择一种处理方式'}</Text>
      </View>
    </View>
  )
}
