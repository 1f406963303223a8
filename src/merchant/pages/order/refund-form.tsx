// 退款: the merchant's partial or full refund of a paid order. The amount starts at what is left
// to refund; a reason is picked (and may be explained); submitting asks once more in a modal
// naming the amount and the order, then sends merchant.refundOrder with a request id made when
// the form opened, so a double tap or a resend refunds once.
import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { merchantApi } from '@/domain/api/merchant'
import { fenToYuan } from '@/domain/money'
import {
  REFUND_NOTE_MAX,
  REFUND_REASONS,
  refundAmountOf,
  refundQuestion,
  refundReasonText,
  type RefundReason,
} from '@/domain/money-views'
import CharCount from '@/components/char-count'
import { callCloud } from '@/services/cloud'
import { confirmModal, toast } from '@/services/feedback'
import { newRequestId } from '@/services/request-id'

export interface RefundFormProps {
  orderId: string
  orderNo: string
  /** What may still be refunded (fen). */
  restFen: number
  onDone: () => void
  onClose: () => void
}

export default function RefundForm({
  orderId,
  orderNo,
  restFen,
  onDone,
  onClose,
}: RefundFormProps) {
  const [amount, setAmount] = useState(fenToYuan(restFen))
  const [reason, setReason] = useState<RefundReason>(REFUND_REASONS[0])
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [requestId] = useState(newRequestId)

  const submit = async () => {
    if (busy) return
    const checked = refundAmountOf(amount, restFen)
    if (!checked.ok) {
      setError(checked.message)
      return toast(checked.message)
    }
    setError(undefined)
    const text = refundReasonText(reason, note)
    if (!(await confirmModal('确认退款', refundQuestion(orderNo, checked.amountFen, text)))) return
    setBusy(true)
    const result = await callCloud(merchantApi.refundOrder, {
      orderId,
      amountFen: checked.amountFen,
      reason,
      ...(note.trim() ? { note: note.trim() } : {}),
      requestId,
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.message)
      return toast(result.message)
    }
    const { refund } = result.data
    toast(
      refund.state === 'failed'
        ? `退款未成功：${refund.failure ?? '微信支付拒绝'}，可在对账页重试`
        : '退款已提交，将原路退回顾客的微信支付',
    )
    onDone()
  }

  return (
    <View className="action-form refund-form">
      <Text className="action-form__title">退款</Text>
      <Text className="action-form__label">退款金额（元），最多可退 {fenToYuan(restFen)}</Text>
      <Input
        className="action-form__input refund-form__amount"
        type="digit"
        value={amount}
        placeholder="退款金额（元）"
        onInput={(e) => setAmount(e.detail.value)}
      />
      <Text className="action-form__label">退款原因</Text>
      <View className="action-form__choices">
        {REFUND_REASONS.map((r) => (
          <View
            key={r}
            className={`action-form__choice refund-form__reason${reason === r ? ' action-form__choice--on' : ''}`}
            data-reason={r}
            onClick={() => setReason(r)}
          >
            <Text>{r}</Text>
          </View>
        ))}
      </View>
      <Textarea
        className="action-form__note refund-form__note"
        value={note}
        maxlength={REFUND_NOTE_MAX}
        placeholder="补充说明（选填，顾客可见）"
        onInput={(e) => setNote(e.detail.value)}
      />
      <View className="action-form__count">
        <CharCount value={note} max={REFUND_NOTE_MAX} />
      </View>
      {error ? <Text className="action-form__error field-error">{error}</Text> : null}
      <View className="action-form__buttons">
        <View className="action-form__cancel" onClick={onClose}>
          <Text>返回</Text>
        </View>
        <View
          className={`action-form__submit refund-form__submit${busy ? ' action-form__submit--busy' : ''}`}
          onClick={() => void submit()}
        >
          <Text>{busy ? '提交中…' : '确认退款'}</Text>
        </View>
      </View>
    </View>
  )
}
