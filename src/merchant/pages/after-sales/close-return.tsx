// 完成 of an accepted return (goods received): the refund amount starts at what the order has
// left to refund and may be lowered; the modal names the amount before the close refunds it
// (src/cloud/after-sales-close.ts). Nothing left to refund (an unpaid order): it only closes.
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { formatFen, fenToYuan } from '@/domain/money'
import { refundAmountOf } from '@/domain/money-views'
import { toast } from '@/services/feedback'
import type { Send } from './follow-up'

export default function CloseReturn({
  orderNo,
  refundableFen,
  sending,
  send,
}: {
  orderNo: string
  refundableFen: number
  sending: boolean
  send: Send
}) {
  const [amount, setAmount] = useState(fenToYuan(refundableFen))
  const submit = () => {
    if (refundableFen === 0)
      return void send(
        'close',
        `确认已收到订单 ${orderNo} 的退货？订单没有可退的款项，只完成售后。`,
      )
    const checked = refundAmountOf(amount, refundableFen)
    if (!checked.ok) return toast(checked.message)
    void send(
      'close',
      `确认已收到订单 ${orderNo} 的退货，并退款 ${formatFen(checked.amountFen)}？退款将原路退回顾客的微信支付，提交后不能撤回。`,
      { refundFen: checked.amountFen },
    )
  }
  return (
    <View className="m-as-form">
      {refundableFen > 0 ? (
        <>
          <Text className="m-as-label">退款金额（元），最多可退 {fenToYuan(refundableFen)}</Text>
          <Input
            className="m-as-input m-as-input--refund"
            type="digit"
            value={amount}
            onInput={(e) => setAmount(e.detail.value)}
          />
        </>
      ) : null}
      <View className="m-as-submit m-as-submit--close" onClick={submit}>
        <Text>{sending ? '提交中…' : refundableFen > 0 ? '确认收货并退款' : '确认收货'}</Text>
      </View>
    </View>
  )
}
