// The delivery address in full (region and street), tap to copy the whole label: the merchant
// pastes it into the courier's app, so it is shown on the order and again on the shipping form.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { fullAddress, shippingLabel, type Address } from '@/domain/address'
import { deliveryWindowText, type DeliveryWindow } from '@/domain/delivery-window'
import { toast } from '@/services/feedback'

export interface AddressCardProps {
  address: Address
  /** The customer's chosen delivery time, if any: shown and copied with the label. */
  deliveryWindow?: Pick<DeliveryWindow, 'kind' | 'date'> | null
}

export default function AddressCard({ address, deliveryWindow }: AddressCardProps) {
  const deliveryTime = deliveryWindow ? deliveryWindowText(deliveryWindow) : undefined
  const copy = () =>
    void Taro.setClipboardData({ data: shippingLabel(address, deliveryTime) }).then(
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
      {deliveryTime ? (
        <Text className="m-order-address__window">顾客希望的送货时间：{deliveryTime}</Text>
      ) : null}
    </View>
  )
}
