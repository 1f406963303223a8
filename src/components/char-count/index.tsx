// "12/100" beside a text input: the count and the limit of the server's own check (TextCheck), so
// what the customer sees is what order and merchant actions accept.
import { Text } from '@tarojs/components'
import { charCount } from '@/domain/validate'
import './index.scss'

export default function CharCount({ value, max }: { value: string; max: number }) {
  const count = charCount(value.trim())
  return (
    <Text className={`char-count${count > max ? ' char-count--over' : ''}`}>
      {count}/{max}
    </Text>
  )
}
