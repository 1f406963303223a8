// Confirm and submit: the address, what is being ordered and the server's current price, then
// 提交订单. The selection comes from the customise page (services/draft-order; kept on reload).
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PrivacyConsent from '@/components/privacy-consent'
import { EmptyState, SkeletonList } from '@/components/state-view'
import SubscribeSheetHost from '@/components/subscribe-sheet'
import { useDraftOrder } from '@/hooks/useDraftOrder'
import ConfirmForm from './confirm-form'
import './index.scss'

export default function ConfirmPage() {
  // Read once per visit: the draft stays what the customer confirmed even if they go back.
  const draft = useDraftOrder()
  if (draft === null) {
    return (
      <View className="confirm">
        <SkeletonList rows={2} />
      </View>
    )
  }
  if (!draft) {
    return (
      <View className="confirm">
        <EmptyState text="没有待提交的订单" hint="请先选择商品并填写定制信息" />
        <View
          className="confirm__home"
          onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}
        >
          <Text>去选商品</Text>
        </View>
      </View>
    )
  }
  return (
    <View className="confirm">
      <ConfirmForm draft={draft} />
      <SubscribeSheetHost />
      <PrivacyConsent
        reason="填写收货地址"
        refusedHint="收货地址属个人信息，需先同意隐私保护指引；再次进入确认页即可同意"
      />
    </View>
  )
}
