// The delivery address: four inputs, each with its own message (ADDRESS_FIELDS, the rules the
// cloud applies), shown once the field was left or after 提交订单. Inputs stop at the same limits.
import { Input, Text, View } from '@tarojs/components'
import CharCount from '@/components/char-count'
import { ADDRESS_FIELDS, type Address } from '@/domain/address'
import type { AddressField } from '@/hooks/useAddress'
import './index.scss'

const FIELDS: { field: AddressField; label: string; placeholder: string; type?: 'number' }[] = [
  { field: 'name', label: '收货人', placeholder: '姓名' },
  { field: 'phone', label: '手机号码', placeholder: '11 位手机号', type: 'number' },
  { field: 'region', label: '所在地区', placeholder: '省 市 区，如 上海市 徐汇区' },
  { field: 'detail', label: '详细地址', placeholder: '街道、门牌号' },
]

export interface AddressFormProps {
  value: Address
  errors: Partial<Record<AddressField, string>>
  onChange: (field: AddressField, text: string) => void
  onBlur: (field: AddressField) => void
}

export default function AddressForm({ value, errors, onChange, onBlur }: AddressFormProps) {
  return (
    <View className="address-form">
      {FIELDS.map(({ field, label, placeholder, type }) => (
        <View key={field} className="address-field" data-field={field}>
          <View className="address-field__row">
            <Text className="address-field__label">{label}</Text>
            <Input
              className="address-field__input"
              type={type ?? 'text'}
              value={value[field]}
              placeholder={placeholder}
              maxlength={ADDRESS_FIELDS[field].maxLength}
              onInput={(event) => onChange(field, event.detail.value)}
              onBlur={() => onBlur(field)}
            />
            {field === 'detail' ? (
              <CharCount value={value.detail} max={ADDRESS_FIELDS.detail.maxLength} />
            ) : null}
          </View>
          {errors[field] ? (
            <Text className="address-field__error field-error">{errors[field]}</Text>
          ) : null}
        </View>
      ))}
    </View>
  )
}
