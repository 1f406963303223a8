// The confirm page's 优惠券 row: how many coupons fit this order, and a list to choose one (or
// 不使用). What the chosen coupon takes off comes from the server's quote (order.quote with
// couponId); the order is re-checked when placed.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { QuotedCoupon } from '@/domain/api/order'
import type { CouponLike } from '@/domain/coupon'
import { couponChoiceText, couponRowText } from '@/domain/coupon-view'
import { formatFen } from '@/domain/money'
import type { Fail } from '@/domain/result'

export interface CouponPickerProps {
  usable: CouponLike[]
  loading: boolean
  error: Fail | undefined
  chosenId: string | null
  /** The chosen coupon priced on the current quote (absent while it loads). */
  quoted: QuotedCoupon | undefined
  onChoose: (couponId: string | null) => void
  onRetry: () => void
}

export default function CouponPicker(props: CouponPickerProps) {
  const { usable, loading, error, chosenId, quoted, onChoose, onRetry } = props
  const [open, setOpen] = useState(false)
  const priced = quoted && quoted.couponId === chosenId ? quoted : undefined
  const discount = priced?.usable ? priced.discountFen : null
  const choose = (couponId: string | null) => {
    onChoose(couponId)
    setOpen(false)
  }
  const rowText = error
    ? '加载失败，点击重试'
    : loading && usable.length === 0
      ? '加载中…'
      : chosenId && discount === null
        ? '已选择'
        : couponRowText(discount, usable.length)

  return (
    <View className="confirm-section coupon-picker">
      <View className="coupon-row" onClick={() => (error ? onRetry() : setOpen((now) => !now))}>
        <Text className="confirm-section__title">优惠券</Text>
        <Text className={`coupon-row__value${discount !== null ? ' coupon-row__value--on' : ''}`}>
          {rowText}
        </Text>
        <Text className="coupon-row__arrow">{open ? '⌃' : '›'}</Text>
      </View>
      {open ? (
        <View className="coupon-choices">
          {usable.map((coupon) => (
            <View
              key={coupon._id}
              className={`coupon-choice${coupon._id === chosenId ? ' coupon-choice--on' : ''}`}
              onClick={() => choose(coupon._id)}
            >
              <Text className="coupon-choice__text">{couponChoiceText(coupon)}</Text>
              <Text className="coupon-choice__mark">{coupon._id === chosenId ? '✓' : ''}</Text>
            </View>
          ))}
          <View
            className={`coupon-choice coupon-choice--none${chosenId ? '' : ' coupon-choice--on'}`}
            onClick={() => choose(null)}
          >
            <Text className="coupon-choice__text">不使用优惠券</Text>
            <Text className="coupon-choice__mark">{chosenId ? '' : '✓'}</Text>
          </View>
        </View>
      ) : null}
      {priced && !priced.usable ? (
        <Text className="field-error coupon-picker__refused">{priced.message}</Text>
      ) : null}
      {priced?.usable ? (
        <View className="summary coupon-picker__pay">
          <View className="summary__row">
            <Text className="summary__label">优惠券抵扣</Text>
            <Text className="summary__value">{couponRowText(priced.discountFen, 0)}</Text>
          </View>
          <View className="summary__row">
            <Text className="summary__label">实付</Text>
            <Text className="summary__value coupon-picker__pay-amount">
              {formatFen(priced.payFen)}
            </Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}
