// 售后 on a delivered or completed order: each request with its state, the customer's photos and
// the shop's answer, how the customer sent the item back and a return's refund (its state is the order's payment).
// The customer also gets 撤回 while unanswered, 寄回信息 once accepted, and 申请售后 while the
// window is open; the merchant a link to the 售后 page, where requests are answered. Read again
// on return.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { afterSalesApi } from '@/domain/api/after-sales'
import { mayShipToShop, requestLines, returnRefundText } from '@/domain/after-sales'
import { formatChinaTime } from '@/domain/time'
import { useCloud } from '@/hooks/useCloud'
import { useReloadOnReturn } from '@/hooks/useReloadOnReturn'
import { callCloud } from '@/services/cloud'
import { confirmModal, toast } from '@/services/feedback'
import PhotoStrip from '@/components/photo-strip'
import { MERCHANT_PAGES, SERVICE_PAGES } from '@/routes'
import './index.scss'

export default function AfterSalesSection({
  orderId,
  audience = 'consumer',
}: {
  orderId: string
  audience?: 'consumer' | 'merchant'
}) {
  const customer = audience === 'consumer'
  const state = useCloud(afterSalesApi.afterSales, { orderId })
  useReloadOnReturn(state.reload)
  const data = state.data
  if (!data || (data.items.length === 0 && data.offered.length === 0)) return null

  const withdraw = async (afterSalesId: string) => {
    if (!(await confirmModal('撤回申请', '撤回后可重新申请售后。', { cancelText: '再想想' })))
      return
    const result = await callCloud(afterSalesApi.withdrawAfterSales, { afterSalesId })
    toast(result.ok ? '已撤回' : result.message)
    await state.reload()
  }

  return (
    <View className="after-sales">
      <Text className="after-sales__title">售后</Text>
      {data.items.map((request) => {
        const lines = requestLines(request)
        return (
          <View
            key={request._id}
            className={`after-sales__item after-sales__item--${request.state}`}
          >
            <View className="after-sales__head">
              <Text className="after-sales__summary">{lines.summary}</Text>
              <Text className="after-sales__state">{lines.state}</Text>
            </View>
            {lines.detail ? <Text className="after-sales__detail">{lines.detail}</Text> : null}
            <PhotoStrip photos={request.photos} />
            {lines.shipment ? (
              <Text className="after-sales__shipment">{lines.shipment}</Text>
            ) : null}
            {request.refund ? (
              <Text className="after-sales__refund">
                {returnRefundText(request.refund, request.refundState)}
              </Text>
            ) : null}
            <View className="after-sales__foot">
              <Text className="after-sales__at">
                {formatChinaTime(request.updatedAt, 'MM-DD HH:mm')}
              </Text>
              {customer && request.state === 'submitted' ? (
                <Text className="after-sales__withdraw" onClick={() => void withdraw(request._id)}>
                  撤回
                </Text>
              ) : null}
              {customer && mayShipToShop(request) ? (
                <Text
                  className="after-sales__ship"
                  onClick={() =>
                    void Taro.navigateTo({
                      url: `${SERVICE_PAGES.returnShipment}?orderId=${orderId}&afterSalesId=${request._id}`,
                    })
                  }
                >
                  {request.customerShipment ? '修改寄回信息' : '填写寄回信息'}
                </Text>
              ) : null}
            </View>
          </View>
        )
      })}
      {!customer && data.items.some((request) => request.state === 'submitted') ? (
        <View
          className="after-sales__ask"
          hoverClass="after-sales__ask--pressed"
          onClick={() => void Taro.navigateTo({ url: MERCHANT_PAGES.afterSales })}
        >
          <Text>去处理售后</Text>
        </View>
      ) : null}
      {data.offered.length > 0 ? (
        <View
          className="after-sales__ask"
          hoverClass="after-sales__ask--pressed"
          onClick={() =>
            void Taro.navigateTo({ url: `${SERVICE_PAGES.afterSales}?orderId=${orderId}` })
          }
        >
          <Text>申请售后</Text>
        </View>
      ) : null}
      {data.offered.length > 0 && !data.offered.includes('return') ? (
        <Text className="after-sales__hint">已过签收后 {data.windowDays} 天，可申请维修</Text>
      ) : null}
    </View>
  )
}
