// The confirm form: address (remembered for next time), order summary, the price quoted again by
// the server, and 提交订单 (one requestId per draft: double taps, retries and a resubmission of the
// same draft make one order).
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import { chosenChoices } from '@/domain/pricing'
import AddressForm from '@/components/address-form'
import QuoteSummary from '@/components/quote-summary'
import { rememberAddress, useAddress } from '@/hooks/useAddress'
import { useQuote } from '@/hooks/useQuote'
import { useSubmitOrder } from '@/hooks/useSubmitOrder'
import { useSubscribeAtTap } from '@/hooks/useSubscriptions'
import {
  clearDraftOrder,
  forgetPlacedOrder,
  rememberPlacedOrder,
  type DraftOrder,
} from '@/services/draft-order'
import { openPlacedOrder } from '@/services/placed-order'

export const ORDER_PAGE = '/pages/order/index'

export default function ConfirmForm({ draft }: { draft: DraftOrder }) {
  const { product, selection } = draft
  const address = useAddress()
  const fresh = useQuote(product._id, selection, 0)
  const order = useSubmitOrder(product._id, selection, draft.requestId)
  const askForMessages = useSubscribeAtTap('submitOrder')
  const quote = fresh.quote ?? draft.quote
  const choices = chosenChoices(product, selection)
  const measured = product.measurements.filter((m) => selection.measurements[m.id] !== undefined)
  const texts = product.textFields.filter((t) => selection.texts[t.id] !== undefined)

  const submit = async () => {
    if (order.submitting) return
    const checked = address.validate()
    if (!checked) return
    // Asked inside the tap (WeChat requires it); the order is sent meanwhile, whatever the answer.
    const subscribing = askForMessages()
    const result = await order.submit(checked)
    if (!result?.ok) return
    rememberAddress(checked)
    const placed = result.data.order
    rememberPlacedOrder(draft, { orderId: placed._id, orderNo: placed.orderNo })
    clearDraftOrder()
    await subscribing.answered // the sheet belongs to this page: leave once it is answered
    // The customer sees the order now, so the same choices later are a new order, not this one.
    forgetPlacedOrder()
    // The order takes the place of this page and of the product page below: back skips the form.
    openPlacedOrder(`${ORDER_PAGE}?id=${placed._id}`)
  }

  return (
    <View className="confirm__form">
      <View className="confirm-section">
        <Text className="confirm-section__title">收货地址</Text>
        {address.loaded ? (
          <AddressForm
            value={address.value}
            errors={address.errors}
            onChange={address.change}
            onBlur={address.touch}
          />
        ) : null}
      </View>

      <View className="confirm-section">
        <Text className="confirm-section__title">{product.name}</Text>
        <View className="summary">
          {choices.map((choice) => (
            <View key={`${choice.groupId}-${choice.id}`} className="summary__row">
              <Text className="summary__label">{choice.label.split('：')[0]}</Text>
              <Text className="summary__value">{choice.label.split('：')[1]}</Text>
            </View>
          ))}
          {measured.map((m) => (
            <View key={m.id} className="summary__row">
              <Text className="summary__label">{m.label}</Text>
              <Text className="summary__value">
                {selection.measurements[m.id]} {m.unit}
              </Text>
            </View>
          ))}
          {texts.map((t) => (
            <View key={t.id} className="summary__row">
              <Text className="summary__label">{t.label}</Text>
              <Text className="summary__value">{selection.texts[t.id]}</Text>
            </View>
          ))}
          <View className="summary__row">
            <Text className="summary__label">数量</Text>
            <Text className="summary__value">{selection.quantity} 件</Text>
          </View>
          {selection.urgent ? (
            <View className="summary__row">
              <Text className="summary__label">急单通道</Text>
              <Text className="summary__value">已选</Text>
            </View>
          ) : null}
        </View>
      </View>

      <View className="confirm-section">
        <Text className="confirm-section__title">价格与工期</Text>
        <QuoteSummary
          quote={quote}
          loading={fresh.loading}
          error={fresh.error}
          onRetry={fresh.retry}
        />
        <Text className="confirm__note">以提交时服务端计算的价格为准</Text>
      </View>

      {order.error ? (
        <View className="confirm__error">
          <Text className="field-error">{order.error.message}</Text>
          {order.error.code === 'URGENT_SOLD_OUT' ? (
            <View className="confirm__back" onClick={() => void Taro.navigateBack()}>
              <Text>返回修改</Text>
            </View>
          ) : null}
        </View>
      ) : null}

      <View className="bottom-bar">
        <View className="bottom-bar__price">
          <Text className="bottom-bar__amount">{formatFen(quote.priceFen)}</Text>
          <Text className="bottom-bar__eta">预计 {quote.etaDate} 完成</Text>
        </View>
        <View
          className={`bottom-bar__next submit-order${order.submitting ? ' bottom-bar__next--off' : ''}`}
          hoverClass={order.submitting ? 'none' : 'bottom-bar__next--pressed'}
          onClick={() => void submit()}
        >
          <Text>{order.submitting ? '提交中…' : '提交订单'}</Text>
        </View>
      </View>
    </View>
  )
}
