// The delivery address in full (region and street), tap to copy the whole label: the merchant
// pastes it into the courier's app, so it is shown on the order and again on the shipping form.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { fullAddress, shippingLabel, type Address } from '@/domain/address'
import { toast } from '@/services/feedback'

export default function AddressCard({ address }: { address: Address }) {
  const copy = () =>
    void Taro.setClipboardData({ data: shippingLabel(address) }).then(
      () => toast('收货信息已复制'),
      () => toast('复制失败，请长按选择文字'),
    )
  return (
    <View className="m-order-address" onClick={copy}>
      <View className="m-order-address__who">
        <Text className="m-order-address__name">{address.name}</Text>
        <Text className="m-order-address__phone">{address.phone}</Text>
        <Text className="m-order-address__copy">复制</Text>
      </View>
      <Text className="m-order-address__full" userSelect>
        {fullAddress(address)}
      </Text>
    </View>
  )
}
