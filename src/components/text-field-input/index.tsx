// A free-text field (e.g. a monogram) with its hint and a live character count; the limit is
// the schema's, counted in characters as the customer sees them (validateOrderSelection agrees).
import { Input, Text, View } from '@tarojs/components'
import type { TextField } from '@/domain/product-schema'
import CharCount from '@/components/char-count'
import './index.scss'

export interface TextFieldInputProps {
  field: TextField
  value: string
  error?: string
  onInput: (text: string) => void
}

export default function TextFieldInput({ field, value, error, onInput }: TextFieldInputProps) {
  return (
    <View className="text-field" data-text={field.id}>
      <View className="text-field__head">
        <Text className="text-field__label">{field.label}</Text>
        {field.required ? <Text className="text-field__required">必填</Text> : null}
        <View className="text-field__count">
          <CharCount value={value} max={field.maxLength} />
        </View>
      </View>
      <Input
        className={`text-field__input${error ? ' text-field__input--error' : ''}`}
        value={value}
        placeholder={field.hint}
        maxlength={field.maxLength}
        onInput={(event) => onInput(event.detail.value)}
      />
      {error ? <Text className="text-field__error field-error">{error}</Text> : null}
    </View>
  )
}
