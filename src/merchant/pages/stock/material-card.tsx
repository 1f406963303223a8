// One material: on hand, reserved, available against the safety level, and its two actions:
// adjust the quantity (with a reason), and flag every order it can no longer cover at once.
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import {
  STOCK_ADJUST_REASONS,
  type MaterialView,
  type StockAdjustReason,
} from '@/domain/merchant-views'
import { toast } from '@/services/feedback'

export const ADJUST_REASON_LABELS: Record<StockAdjustReason, string> = {
  restock: '入库',
  count_correction: '盘点更正',
  damage: '损耗',
  other: '其他',
}

export interface MaterialCardProps {
  material: MaterialView
  busy: boolean
  onAdjust: (delta: number, reason: StockAdjustReason) => void
  onFlagStockOut: () => void
}

export default function MaterialCard({
  material,
  busy,
  onAdjust,
  onFlagStockOut,
}: MaterialCardProps) {
  const [adjusting, setAdjusting] = useState(false)
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState<StockAdjustReason>('restock')

  const submit = () => {
    const value = Number(amount)
    if (!Number.isInteger(value) || value === 0) return toast('请输入非 0 的整数')
    // Damage only removes; a restock only adds; corrections and others keep the sign typed.
    const delta =
      reason === 'damage' ? -Math.abs(value) : reason === 'restock' ? Math.abs(value) : value
    onAdjust(delta, reason)
    setAdjusting(false)
    setAmount('')
  }

  return (
    <View className={`material${material.low ? ' material--low' : ''}`} data-material={material.id}>
      <View className="material__head">
        <Text className="material__name">{material.name}</Text>
        {material.low ? <Text className="material__badge">低于安全库存</Text> : null}
      </View>
      <View className="material__numbers">
        {[
          ['在库', material.quantity],
          ['已预留', material.reserved],
          ['可用', material.available],
          ['安全线', material.safetyLevel],
        ].map(([label, value]) => (
          <View key={label} className="material__number">
            <Text className="material__value">{value}</Text>
            <Text className="material__label">
              {label}（{material.unit}）
            </Text>
          </View>
        ))}
      </View>
      {material.usage.length > 0 ? (
        <Text className="material__usage">
          用于：{material.usage.map((u) => `${u.productName} ×${u.perUnit}`).join('、')}
        </Text>
      ) : null}
      {material.affectedOrders > 0 ? (
        <View className="material__stockout" onClick={() => !busy && onFlagStockOut()}>
          <Text>库存不足 {material.affectedOrders} 单 · 一键标记缺货</Text>
        </View>
      ) : null}
      {adjusting ? (
        <View className="material__adjust">
          <View className="material__reasons">
            {STOCK_ADJUST_REASONS.map((r) => (
              <View
                key={r}
                className={`material__reason${reason === r ? ' material__reason--on' : ''}`}
                onClick={() => setReason(r)}
              >
                <Text>{ADJUST_REASON_LABELS[r]}</Text>
              </View>
            ))}
          </View>
          <Input
            className="material__amount"
            type="number"
            value={amount}
            placeholder={`数量（${material.unit}）${reason === 'count_correction' || reason === 'other' ? '，减少填负数' : ''}`}
            onInput={(e) => setAmount(e.detail.value)}
          />
          <View className="material__buttons">
            <View className="material__button" onClick={() => setAdjusting(false)}>
              <Text>返回</Text>
            </View>
            <View className="material__button material__button--primary" onClick={submit}>
              <Text>确认调整</Text>
            </View>
          </View>
        </View>
      ) : (
        <View
          className="material__button material__button--open"
          onClick={() => setAdjusting(true)}
        >
          <Text>调整库存</Text>
        </View>
      )}
    </View>
  )
}
