// The confirm form: address (remembered for next time), order summary, the price quoted again by
// the server, a coupon to spend (the quote then shows its discount and what is left to pay), and
// 提交订单, which places the order and pays for it (hooks/usePlaceOrder). A failed submit keeps
// everything entered, the chosen coupon included.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import { chosenChoices } from '@/domain/pricing'
import AddressForm from '@/components/address-form'
import QuoteSummary from '@/components/quote-summary'
import { useAddress } from '@/hooks/useAddress'
import { useUsableCoupons } from '@/hooks/useCoupons'
import { usePlaceOrder } from '@/hooks/usePlaceOrder'
import { depositFenOf } from '@/domain/order-payments'
import { useQuote } from '@/hooks/useQuote'
import type { DraftOrder } from '@/services/draft-order'
import CouponPicker from './coupon-picker'

export default function ConfirmForm({ draft }: { draft: DraftOrder }) {
  const { product, selection } = draft
  const address = useAddress()
  const [couponId, setCouponId] = useState<string | null>(null)
  const fresh = useQuote(product._id, selection, 0, couponId)
  const order = usePlaceOrder(draft, couponId)
  const busy = order.submitting || order.paying
  const quote = fresh.quote ?? draft.quote
  const coupons = useUsableCoupons(fresh.quote?.priceFen)
  const priced = fresh.coupon?.couponId === couponId ? fresh.coupon : undefined
  const payFen = priced?.usable ? priced.payFen : quote.priceFen
  // A preorder with a deposit pays the 定金 now and the rest once the batch fills.
  const depositFen = depositFenOf({ quote: { priceFen: payFen, depositFen: quote.depositFen } })
  const choices = chosenChoices(product, selection)
  const measured = product.measurements.filter((m) => selection.measurements[m.id] !== undefined)
  const texts = product.textFields.filter((t) => selection.texts[t.id] !== undefined)

  const submit = () => {
    if (busy) return
    const checked = address.validate()
    if (checked) void order.place(checked)
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

      <CouponPicker
        usable={coupons.usable}
        loading={coupons.loading}
        error={coupons.error}
        chosenId={couponId}
        quoted={fresh.coupon}
        onChoose={setCouponId}
        onRetry={() => void coupons.reload()}
      />

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
      {order.payError ? (
        <View className="confirm__error confirm__pay-error">
          <Text className="field-error">{order.payError.message}</Text>
          <Text className="confirm__note">可在订单页继续支付，截止前未付款的订单会自动取消</Text>
          <View className="confirm__back" onClick={order.openPayLater}>
            <Text>去订单页支付</Text>
          </View>
        </View>
      ) : null}

      <View className="bottom-bar">
        <View className="bottom-bar__price">
          <Text className="bottom-bar__amount">
            {depositFen === null ? formatFen(payFen) : `定金 ${formatFen(depositFen)}`}
          </Text>
          <Text className="bottom-bar__eta">
            {depositFen === null
              ? `预计 ${quote.etaDate} 完成`
              : `尾款 ${formatFen(payFen - depositFen)} 成团后付`}
          </Text>
        </View>
        <View
          className={`bottom-bar__next submit-order${busy ? ' bottom-bar__next--off' : ''}`}
          hoverClass={busy ? 'none' : 'bottom-bar__next--pressed'}
          onClick={submit}
        >
          <Text>{order.paying ? '支付中…' : order.submitting ? '提交中…' : '提交订单'}</Text>
        </View>
      </View>
    </View>
  )
}
