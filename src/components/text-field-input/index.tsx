// A free-text field (e.g. a monogram) with its hint and a live character count; the limit is
// the schema's, counted in characters as the customer sees them (validateOrderSelection agrees).
import { Input, Text, View } from '@tarojs/components'
import type { TextField } from '@/domain/product-schema'
import './index.scss'

export interface TextFieldInputProps {
  field: TextField
  value: string
  error?: string
  onInput: (text: string) => void
}

export default function TextFieldInput({ field, value, error, onInput }: TextFieldInputProps) {
  const count = Array.from(value.trim()).length
  const over = count > field.maxLength
  return (
    <View className="text-field" data-text={field.id}>
      <View className="text-field__head">
        <Text className="text-field__label">{field.label}</Text>
        {field.required ? <Text className="text-field__required">必填</Text> : null}
        <Text className={`text-field__count${over ? ' text-field__count--over' : ''}`}>
          {count}/{field.maxLength}
        </Text>
      </View>
      <Input
        className={`text-field__input${error ? ' text-field__input--error' : ''}`}
        value={value}
        placeholder={field.hint}
        maxlength={field.maxLength * 2}
        onInput={(event) => onInput(event.detail.value)}
      />
      {error ? <Text className="text-field__error field-error">{error}</Text> : null}
    </View>
  )
}
