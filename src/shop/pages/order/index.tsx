// Order detail for its owner: where the order is, the timeline, the ETA and how it moved,
// shipping, the remedy choice during an exception, and exactly the buttons the server allows.
import { useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { showsAfterSales } from '@/domain/after-sales'
import { chinaDateOf } from '@/domain/china-date'
import { orderPriceRows } from '@/domain/coupon-view'
import { deliveryWindowText, type DeliveryWindowKind } from '@/domain/delivery-window'
import { formatFen } from '@/domain/money'
import { EXCEPTION_KIND_LABELS, NODE_LABELS, REMEDY_LABELS } from '@/domain/order-labels'
import { NOTE_MAX } from '@/domain/order-input'
import { FINAL_NODES, type OrderEvent, type RemedyType } from '@/domain/order-types'
import type { Result } from '@/domain/result'
import { orderCancelQuestion, paymentPanels } from '@/domain/order-payment-view'
import { paymentsOf } from '@/domain/order-payments'
import { formatChinaTime } from '@/domain/time'
import AfterSalesSection from '@/components/after-sales-section'
import ContactService from '@/components/contact-service'
import DeliveryWindowPicker from '@/components/delivery-window-picker'
import ForYou from '@/components/for-you'
import OrderActions from '@/components/order-actions'
import PaymentPanel from '@/components/payment-panel'
import PrivacyConsent from '@/components/privacy-consent'
import RatingRow from '@/components/rating-row'
import RefundList from '@/components/refund-list'
import RemedyChooser from '@/components/remedy-chooser'
import { ErrorState, SkeletonList } from '@/components/state-view'
import MessageList from '@/components/message-list'
import SubscribeSheetHost from '@/components/subscribe-sheet'
import Timeline from '@/components/timeline'
import { useOrderDetail } from '@/hooks/useOrderDetail'
import { useMessageOpened } from '@/hooks/useMessageOpened'
import { useOrderMessages } from '@/hooks/useOrderMessages'
import { useOrderPayment } from '@/hooks/useOrderPayment'
import { useSubscribeAtTap } from '@/hooks/useSubscriptions'
import OrderVisits from '@/shop/components/order-visits'
import { confirmModal as confirmModalWith, toast } from '@/services/feedback'
import { askForSubscriptions } from '@/services/subscribe'
import './index.scss'

/** The order page's modals: a confirm button (default 确定) and 再想想 to back out. */
const confirmModal = (title: string, content: string, confirmText = '确定') =>
  confirmModalWith(title, content, { confirmText, cancelText: '再想想' })

function report(result: Result<unknown>, success: string) {
  toast(result.ok ? success : result.message)
}

export default function OrderPage() {
  const { params } = useRouter()
  const orderId = params.id ?? ''
  const detail = useOrderDetail(orderId)
  const payment = useOrderPayment(orderId, detail.data?.order, detail.reload, params)
  const inbox = useOrderMessages(orderId)
  useMessageOpened()
  const askForMessages = useSubscribeAtTap('reorder')
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')

  usePullDownRefresh(() => {
    void Promise.all([detail.reload(), inbox.reload()]).finally(() => Taro.stopPullDownRefresh())
  })

  if (!detail.data) {
    return (
      <View className="order-page">
        {detail.error ? (
          <ErrorState message={detail.error.message} onRetry={() => void detail.reload()} />
        ) : (
          <SkeletonList rows={2} />
        )}
      </View>
    )
  }

  const { order, actions } = detail.data
  const { exception, shipping, productSnapshot: product } = order
  const canChoose = actions.includes('choose_remedy')
  const panels = paymentPanels(order, 'consumer')

  const choose = async (remedy: RemedyType) => {
    const label = REMEDY_LABELS[remedy]
    if (!(await confirmModal('确认处理方式', `选择「${label}」后会通知商家按此处理。`, '确认')))
      return
    report(await detail.act('choose_remedy', { remedy }), '已提交，商家会尽快处理')
  }

  // Offered once the shop has taken the order, until it ships.
  const canChooseWindow = actions.includes('choose_delivery_window') && order.node !== 'submitted'
  const chooseWindow = async (kind: DeliveryWindowKind, date: string | null) =>
    report(
      await detail.act('choose_delivery_window', date ? { kind, date } : { kind }),
      '送货时间已保存',
    )

  const onEvent = async (event: OrderEvent) => {
    if (event === 'cancel') return setCancelling(true)
    if (event !== 'complete' || !(await confirmModal('确认收货', '确认已收到商品并完成订单？')))
      return
    // The made good's care plan starts now: its reminders may reach WeChat.
    if (product.carePlanned) askForSubscriptions('careTasks')
    report(await detail.act('complete'), '订单已完成')
  }

  const cancel = async () => {
    if (!(await confirmModal('取消订单', orderCancelQuestion(order), '确定取消'))) return
    const note = reason.trim()
    const result = await detail.act('cancel', note ? { note } : undefined)
    report(result, '订单已取消')
    if (result.ok) setCancelling(false)
  }

  const reorder = async () => {
    if (!(await confirmModal('再来一单', '按当前价格重新下单，选项与收货地址不变。'))) return
    const subscribing = askForMessages()
    const result = await detail.reorder()
    if (!result.ok) return toast(result.message)
    await subscribing.answered // one sheet at a time: the payment sheet comes after it
    void Taro.redirectTo({ url: await payment.payNewOrder(result.data.order._id) })
  }

  return (
    <View className="order-page">
      {/* Copying the tracking number is a privacy API: WeChat holds it until this popup agrees. */}
      <PrivacyConsent />
      {detail.error ? <Text className="order-page__stale">{detail.error.message}</Text> : null}

      <View className="order-hero">
        <Text className="order-hero__no">订单 {order.orderNo}</Text>
        <Text className="order-hero__node">{NODE_LABELS[order.node]}</Text>
        <Text className="order-hero__name">{product.name}</Text>
        {FINAL_NODES.includes(order.node) ? null : (
          <Text className="order-hero__eta">预计完成 {order.eta}</Text>
        )}
        {order.etaHistory.length > 1 ? (
          <View className="eta-history">
            {order.etaHistory.map((revision) => (
              <View key={revision.at} className="eta-history__row">
                <Text className="eta-history__date">{revision.eta}</Text>
                <Text className="eta-history__reason">
                  {formatChinaTime(revision.at, 'MM-DD')} {revision.reason || '预计日期调整'}
                </Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>

      {panels.map((panel) => (
        <PaymentPanel
          key={panel.part}
          notice={panel.notice}
          payable={panel.payable}
          dueBy={panel.dueBy}
          onTimeUp={() => void detail.reload()}
          onPay={() => void payment.pay()}
          paying={payment.paying}
          confirming={panel.payable && payment.confirming}
        />
      ))}
      {paymentsOf(order).map((paid) => (
        <RefundList key={paid.outTradeNo ?? 'unpaid'} payment={paid} audience="consumer" />
      ))}

      {exception ? (
        <View className="order-section order-exception">
          <Text className="order-section__title">{EXCEPTION_KIND_LABELS[exception.kind]}</Text>
          <Text className="order-exception__note">{exception.note}</Text>
          {canChoose ? (
            <RemedyChooser
              offered={exception.offered}
              busy={detail.busy}
              onChoose={(r) => void choose(r)}
            />
          ) : exception.choice ? (
            <Text className="order-exception__chosen">
              你已选择：{REMEDY_LABELS[exception.choice.remedy]}，等待商家处理
            </Text>
          ) : null}
        </View>
      ) : null}

      {canChooseWindow ? (
        <View className="order-section order-delivery-window">
          <Text className="order-section__title">送货时间</Text>
          <DeliveryWindowPicker
            saved={order.deliveryWindow ?? null}
            today={chinaDateOf(new Date())}
            busy={detail.busy}
            onSave={(kind, date) => void chooseWindow(kind, date)}
          />
        </View>
      ) : null}

      {shipping ? (
        <View className="order-section">
          <Text className="order-section__title">物流信息</Text>
          {order.deliveryWindow ? (
            <View className="order-row">
              <Text className="order-row__label">送货时间</Text>
              <Text className="order-row__value">{deliveryWindowText(order.deliveryWindow)}</Text>
            </View>
          ) : null}
          <View
            className="order-row order-row--tap"
            onClick={() => void Taro.setClipboardData({ data: shipping.trackingNo })}
          >
            <Text className="order-row__label">{shipping.carrier}</Text>
            <Text className="order-row__value">{shipping.trackingNo}（点按复制）</Text>
          </View>
        </View>
      ) : null}

      <OrderVisits
        orderId={order._id}
        bookable={order.node !== 'cancelled'}
        onVisitsChanged={detail.reload}
      />
      {showsAfterSales(order) ? <AfterSalesSection orderId={order._id} /> : null}
      {order.node === 'completed' ? <RatingRow orderId={order._id} /> : null}

      <View className="order-section">
        <Text className="order-section__title">订单进度</Text>
        <Timeline entries={order.timeline} />
      </View>

      {inbox.messages.length > 0 ? (
        <View className="order-section order-messages">
          <Text className="order-section__title">消息</Text>
          <MessageList messages={inbox.messages} />
        </View>
      ) : null}

      <View className="order-section">
        <Text className="order-section__title">定制详情</Text>
        {product.details.map((row) => (
          <View key={row.label} className="order-row">
            <Text className="order-row__label">{row.label}</Text>
            <Text className="order-row__value">{row.value}</Text>
          </View>
        ))}
        <View className="order-row">
          <Text className="order-row__label">数量</Text>
          <Text className="order-row__value">{order.selection.quantity} 件</Text>
        </View>
        {order.quote.lines.map((line) => (
          <View key={line.label} className="order-row">
            <Text className="order-row__label">{line.label}</Text>
            <Text className="order-row__value">{formatFen(line.amountFen)}</Text>
          </View>
        ))}
        {orderPriceRows(order).map((row) => (
          <View key={row.kind} className={`order-row order-row--${row.kind}`}>
            <Text className="order-row__label">{row.label}</Text>
            <Text className="order-row__value">{row.value}</Text>
          </View>
        ))}
        <View className="order-row">
          <Text className="order-row__label">收货人</Text>
          <Text className="order-row__value">
            {order.address.name} {order.address.region} {order.address.detail}
          </Text>
        </View>
      </View>

      <ContactService
        from={{
          page: 'order',
          orderId: order._id,
          orderNo: order.orderNo,
          productName: product.name,
        }}
      />

      {cancelling && actions.includes('cancel') ? (
        <View className="order-section order-cancel">
          <Text className="order-section__title">取消订单</Text>
          <Input
            className="order-cancel__reason"
            value={reason}
            maxlength={NOTE_MAX}
            placeholder="取消原因（选填）"
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className="order-cancel__buttons">
            <View className="order-cancel__button" onClick={() => setCancelling(false)}>
              <Text>再想想</Text>
            </View>
            <View
              className="order-cancel__button order-cancel__button--confirm"
              onClick={() => void cancel()}
            >
              <Text>确认取消</Text>
            </View>
          </View>
        </View>
      ) : (
        <OrderActions
          actions={actions}
          busy={detail.busy}
          onEvent={(event) => void onEvent(event)}
          onReorder={() => void reorder()}
        />
      )}
      {/* Only a completed order's owner gets picks (order.detail, slot order_done). */}
      {detail.data.recommendations ? (
        <ForYou
          slot="order_done"
          personalised={detail.data.recommendations.personalised}
          items={detail.data.recommendations.items}
        />
      ) : null}
      <SubscribeSheetHost />
    </View>
  )
}
