// 订单处理: one order for the merchant. The buttons are exactly the events order.detail says the
// merchant may apply now; each opens a form with a note and photos (and what the event needs).
// An open exception shows the remedies offered and the customer's choice, ready to act on;
// a rated order shows the customer's rating.
import { useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { showsAfterSales } from '@/domain/after-sales'
import { orderPriceRows } from '@/domain/coupon-view'
import {
  EVENT_LABELS,
  EXCEPTION_KIND_LABELS,
  NODE_LABELS,
  REMEDY_LABELS,
} from '@/domain/order-labels'
import type { OrderEvent } from '@/domain/order-types'
import { paymentPanels } from '@/domain/order-payment-view'
import { orderRestFen, paymentsOf } from '@/domain/order-payments'
import AfterSalesSection from '@/components/after-sales-section'
import PaymentPanel from '@/components/payment-panel'
import RefundList from '@/components/refund-list'
import PrivacyConsent from '@/components/privacy-consent'
import { remedyDetail } from '@/components/remedy-chooser'
import { ErrorState, SkeletonList } from '@/components/state-view'
import Timeline from '@/components/timeline'
import { useOrderDetail } from '@/hooks/useOrderDetail'
import { confirmModal, toast } from '@/services/feedback'
import MerchantOnly from '@/merchant/components/merchant-only'
import ActionForm from './action-form'
import AddressCard from './address-card'
import RatingCard from './rating-card'
import RefundForm from './refund-form'
import './index.scss'

/** Events that end the order or its exception for good: asked again in a modal. */
const DESTRUCTIVE: readonly OrderEvent[] = ['cancel']

function MerchantOrderPageBody() {
  const orderId = useRouter().params.id ?? ''
  const detail = useOrderDetail(orderId)
  const [open, setOpen] = useState<OrderEvent | null>(null)
  const [refunding, setRefunding] = useState(false)

  usePullDownRefresh(() => void detail.reload().finally(() => Taro.stopPullDownRefresh()))

  if (!detail.data) {
    return (
      <View className="m-order">
        {detail.error ? (
          <ErrorState message={detail.error.message} onRetry={() => void detail.reload()} />
        ) : (
          <SkeletonList rows={2} />
        )}
      </View>
    )
  }

  const { order, actions } = detail.data
  const { exception, shipping } = order
  const panels = paymentPanels(order, 'merchant')
  const restFen = orderRestFen(order)

  const submit = async (event: OrderEvent, input: Record<string, unknown>) => {
    const label = EVENT_LABELS[event]
    if (
      DESTRUCTIVE.includes(event) &&
      !(await confirmModal(label, `确定${label}？顾客会收到通知。`))
    )
      return
    const result = await detail.act(event, Object.keys(input).length > 0 ? input : undefined)
    toast(result.ok ? `已${label}` : result.message)
    if (result.ok) setOpen(null)
  }

  return (
    <View className="m-order">
      {detail.error ? <Text className="m-order__stale">{detail.error.message}</Text> : null}

      <View className="m-order-hero">
        <Text className="m-order-hero__no">订单 {order.orderNo}</Text>
        <Text className="m-order-hero__node">{NODE_LABELS[order.node]}</Text>
        <Text className="m-order-hero__name">
          {order.productSnapshot.name} × {order.quote.quantity}
          {order.quote.urgent?.applied ? ' · 急单' : ''}
        </Text>
        <Text className="m-order-hero__eta">预计完成 {order.eta}</Text>
      </View>

      {panels.map((panel) => (
        <PaymentPanel key={panel.part} notice={panel.notice} />
      ))}
      {paymentsOf(order).map((paid) => (
        <RefundList key={paid.outTradeNo ?? 'unpaid'} payment={paid} audience="merchant" />
      ))}
      {showsAfterSales(order) ? (
        <AfterSalesSection orderId={order._id} audience="merchant" />
      ) : null}

      {detail.data.rating ? <RatingCard rating={detail.data.rating} /> : null}

      {exception ? (
        <View className="m-order-section m-order-exception">
          <Text className="m-order-section__title">{EXCEPTION_KIND_LABELS[exception.kind]}</Text>
          <Text className="m-order-exception__note">{exception.note}</Text>
          <Text className="m-order-exception__offered">
            已提供：{exception.offered.map((offer) => REMEDY_LABELS[offer.type]).join('、')}
          </Text>
          {exception.choice ? (
            <View className="m-order-exception__choice">
              <Text className="m-order-exception__chosen">
                顾客选择：{REMEDY_LABELS[exception.choice.remedy]}
              </Text>
              <Text className="m-order-exception__detail">
                {remedyDetail(
                  exception.offered.find((offer) => offer.type === exception.choice?.remedy) ??
                    exception.offered[0],
                )}
              </Text>
            </View>
          ) : (
            <Text className="m-order-exception__waiting">等待顾客选择处理方式</Text>
          )}
        </View>
      ) : null}

      {refunding ? (
        <RefundForm
          orderId={order._id}
          orderNo={order.orderNo}
          restFen={restFen}
          onDone={() => {
            setRefunding(false)
            void detail.reload()
          }}
          onClose={() => setRefunding(false)}
        />
      ) : open ? (
        <ActionForm
          key={open}
          event={open}
          busy={detail.busy}
          priceFen={order.quote.priceFen}
          eta={order.eta}
          address={order.address}
          deliveryWindow={order.deliveryWindow}
          onSubmit={(input) => void submit(open, input)}
          onClose={() => setOpen(null)}
        />
      ) : (
        <View className="m-order-actions">
          {restFen > 0 ? (
            <View
              className="m-order-action m-order-action--refund"
              onClick={() => setRefunding(true)}
            >
              <Text>退款</Text>
            </View>
          ) : null}
          {actions.length === 0 && restFen === 0 ? (
            <Text className="m-order-actions__none">当前没有可执行的操作</Text>
          ) : (
            actions.map((event) => (
              <View
                key={event}
                className={`m-order-action m-order-action--${event}`}
                data-event={event}
                onClick={() => setOpen(event)}
              >
                <Text>
                  {event === 'resolve_exception' && exception?.choice
                    ? `按顾客选择处理（${REMEDY_LABELS[exception.choice.remedy]}）`
                    : EVENT_LABELS[event]}
                </Text>
              </View>
            ))
          )}
        </View>
      )}

      {shipping ? (
        <View className="m-order-section">
          <Text className="m-order-section__title">物流</Text>
          <Text className="m-order-row">
            {shipping.carrier} {shipping.trackingNo}
          </Text>
        </View>
      ) : null}

      <View className="m-order-section">
        <Text className="m-order-section__title">进度</Text>
        <Timeline entries={order.timeline} />
      </View>

      <View className="m-order-section">
        <Text className="m-order-section__title">定制详情</Text>
        {order.productSnapshot.details.map((row) => (
          <View key={row.label} className="m-order-row">
            <Text className="m-order-row__label">{row.label}</Text>
            <Text>{row.value}</Text>
          </View>
        ))}
        {orderPriceRows(order).map((row) => (
          <View key={row.kind} className={`m-order-row m-order-row--${row.kind}`}>
            <Text className="m-order-row__label">{row.label}</Text>
            <Text>{row.value}</Text>
          </View>
        ))}
      </View>

      <View className="m-order-section">
        <Text className="m-order-section__title">收货地址</Text>
        <AddressCard address={order.address} deliveryWindow={order.deliveryWindow} />
      </View>
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly). Copying the address and
// choosing photos are privacy APIs: on weapp they wait until this page's popup agrees.
export default function MerchantOrderPage() {
  return (
    <MerchantOnly>
      <PrivacyConsent />
      <MerchantOrderPageBody />
    </MerchantOnly>
  )
}
