// A new material: name, unit, safety level, opening quantity, and how much of it one unit of
// each product uses (orders reserve by this).
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { ProductSummary } from '@/domain/catalog'
import { checkMaterialForm, MATERIAL_TEXT_LIMITS } from '@/domain/material-form'
import type { SaveMaterialPayload } from '@/domain/api/merchant'
import { toast } from '@/services/feedback'

export interface MaterialFormProps {
  products: ProductSummary[]
  busy: boolean
  onSave: (input: SaveMaterialPayload) => void
  onClose: () => void
}

export default function MaterialForm({ products, busy, onSave, onClose }: MaterialFormProps) {
  const [name, setName] = useState('')
  const [unit, setUnit] = useState('米')
  const [safety, setSafety] = useState('10')
  const [quantity, setQuantity] = useState('0')
  const [perUnit, setPerUnit] = useState<Record<string, string>>({})

  const [error, setError] = useState<{ path: string; message: string }>()

  // The server's own check (merchant.saveMaterial), so the form refuses exactly what it would.
  const save = () => {
    const checked = checkMaterialForm({ name, unit, safetyLevel: safety, quantity, perUnit })
    if (!checked.ok) {
      setError(checked)
      return toast(checked.message)
    }
    setError(undefined)
    onSave(checked.value)
  }

  return (
    <View className="material-form">
      <Text className="material-form__title">新增物料</Text>
      <Input
        className="material-form__input material-form__name"
        value={name}
        maxlength={MATERIAL_TEXT_LIMITS.name}
        placeholder="物料名称，如 埃及长绒棉面料"
        onInput={(e) => setName(e.detail.value)}
      />
      <View className="material-form__row">
        <Input
          className="material-form__input"
          value={unit}
          maxlength={MATERIAL_TEXT_LIMITS.unit}
          placeholder="单位"
          onInput={(e) => setUnit(e.detail.value)}
        />
        <Input
          className="material-form__input"
          type="number"
          value={safety}
          placeholder="安全库存"
          onInput={(e) => setSafety(e.detail.value)}
        />
        <Input
          className="material-form__input"
          type="number"
          value={quantity}
          placeholder="初始数量"
          onInput={(e) => setQuantity(e.detail.value)}
        />
      </View>
      <Text className="material-form__label">单位：{unit || '—'} · 安全库存 · 初始数量</Text>
      {error && (
        <Text className="material-form__error" data-path={error.path}>
          {error.message}
        </Text>
      )}
      <Text className="material-form__label">每件商品用量（不用的留空，整数）</Text>
      {products.map((product) => (
        <View key={product.id} className="material-form__usage">
          <Text className="material-form__product">{product.name}</Text>
          <Input
            className="material-form__input material-form__per-unit"
            type="number"
            value={perUnit[product.id] ?? ''}
            placeholder="用量"
            onInput={(e) => setPerUnit((prev) => ({ ...prev, [product.id]: e.detail.value }))}
          />
        </View>
      ))}
      <View className="material-form__buttons">
        <View className="material__button" onClick={onClose}>
          <Text>返回</Text>
        </View>
        <View
          className={`material__button material__button--primary${busy ? ' material__button--busy' : ''}`}
          onClick={() => !busy && save()}
        >
          <Text>{busy ? '保存中…' : '保存物料'}</Text>
        </View>
      </View>
    </View>
  )
}
