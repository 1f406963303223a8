// 对账: a China day's money from the payment ledger (merchant.reconciliation): paid, refunded,
// net and counts, then one row per order (number, paid, refunded, net), paged. Below, the
// refunds WeChat refused (merchant.failedRefunds) with its reason, each with 重试 (asked first;
// the same outRefundNo, so money never goes out twice).
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { merchantApi } from '@/domain/api/merchant'
import { chinaDateOf } from '@/domain/china-date'
import { formatFen } from '@/domain/money'
import { retryQuestion, type FailedRefundView } from '@/domain/money-views'
import { formatChinaTime } from '@/domain/time'
import { Loadable } from '@/components/state-view'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'
import { confirmModal, toast } from '@/services/feedback'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import { MERCHANT_PAGES } from '@/routes'
import './index.scss'

function MoneyPageBody() {
  const today = chinaDateOf(new Date())
  const [date, setDate] = useState(today)
  const [page, setPage] = useState(1)
  const day = useCloud(merchantApi.reconciliation, { date, page })
  const failed = useCloud(merchantApi.failedRefunds)
  const [retrying, setRetrying] = useState<string | null>(null)
  usePullDownRefresh(
    () =>
      void Promise.all([day.reload(), failed.reload()]).finally(() => Taro.stopPullDownRefresh()),
  )

  const retry = async (item: FailedRefundView) => {
    if (retrying) return
    if (!(await confirmModal('重试退款', retryQuestion(item.orderNo, item.amountFen)))) return
    setRetrying(item.outRefundNo)
    const result = await callCloud(merchantApi.retryRefund, {
      orderId: item.orderId,
      outRefundNo: item.outRefundNo,
    })
    setRetrying(null)
    if (!result.ok) toast(result.message)
    else
      toast(
        result.data.refund.state === 'failed'
          ? `仍未成功：${result.data.refund.failure ?? '微信支付拒绝'}`
          : '已重新发起退款',
      )
    await Promise.all([failed.reload(), day.reload()])
  }

  return (
    <View className="money">
      <MerchantNav current="money" />

      <Picker
        mode="date"
        value={date}
        end={today}
        onChange={(e) => {
          setDate(e.detail.value)
          setPage(1)
        }}
      >
        <View className="money-date">
          <Text className="money-date__label">对账日期</Text>
          <Text className="money-date__value">{date === today ? `${date}（今天）` : date}</Text>
        </View>
      </Picker>

      <Loadable state={day} rows={2}>
        {(data) => (
          <>
            <View className="money-totals">
              <View className="money-total">
                <Text className="money-total__value money-total__value--paid">
                  {formatFen(data.totals.paidFen)}
                </Text>
                <Text className="money-total__label">收款 {data.totals.payments} 笔</Text>
              </View>
              <View className="money-total">
                <Text className="money-total__value money-total__value--refunded">
                  {formatFen(data.totals.refundedFen)}
                </Text>
                <Text className="money-total__label">退款 {data.totals.refunds} 笔</Text>
              </View>
              <View className="money-total">
                <Text className="money-total__value money-total__value--net">
                  {formatFen(data.totals.netFen)}
                </Text>
                <Text className="money-total__label">净收入 · {data.totals.orders} 单</Text>
              </View>
            </View>
            {data.truncated ? (
              <Text className="money-note">当天流水过多，合计只含已读取的部分</Text>
            ) : null}

            <View className="money-rows">
              <View className="money-row money-row--head">
                <Text className="money-row__no">订单号</Text>
                <Text className="money-row__fen">收款</Text>
                <Text className="money-row__fen">退款</Text>
                <Text className="money-row__fen">净额</Text>
              </View>
              {data.rows.length === 0 ? (
                <Text className="money-note">当天没有收款或退款</Text>
              ) : (
                data.rows.map((row) => (
                  <View
                    key={row.orderId}
                    className="money-row"
                    data-order-no={row.orderNo}
                    onClick={() =>
                      void Taro.navigateTo({ url: `${MERCHANT_PAGES.order}?id=${row.orderId}` })
                    }
                  >
                    <Text className="money-row__no">{row.orderNo}</Text>
                    <Text className="money-row__fen">{formatFen(row.paidFen)}</Text>
                    <Text className="money-row__fen">{formatFen(row.refundedFen)}</Text>
                    <Text className="money-row__fen">{formatFen(row.netFen)}</Text>
                  </View>
                ))
              )}
            </View>
            {data.pages > 1 ? (
              <View className="money-pager">
                <View
                  className={`money-pager__button${data.page <= 1 ? ' money-pager__button--off' : ''}`}
                  onClick={() => data.page > 1 && setPage(data.page - 1)}
                >
                  <Text>上一页</Text>
                </View>
                <Text className="money-pager__text">
                  {data.page} / {data.pages}
                </Text>
                <View
                  className={`money-pager__button${data.page >= data.pages ? ' money-pager__button--off' : ''}`}
                  onClick={() => data.page < data.pages && setPage(data.page + 1)}
                >
                  <Text>下一页</Text>
                </View>
              </View>
            ) : null}
          </>
        )}
      </Loadable>

      <Text className="money-section">退款失败</Text>
      <Loadable
        state={failed}
        rows={1}
        empty={{
          when: (data) => data.refunds.length === 0,
          text: '没有失败的退款',
          hint: '微信支付拒绝的退款会连同原因出现在这里',
        }}
      >
        {(data) =>
          data.refunds.map((item) => (
            <View key={item.outRefundNo} className="money-failed" data-order-no={item.orderNo}>
              <View className="money-failed__head">
                <Text className="money-failed__title">
                  订单 {item.orderNo} · 退款 {formatFen(item.amountFen)}
                </Text>
                <View
                  className={`money-failed__retry${retrying === item.outRefundNo ? ' money-failed__retry--busy' : ''}`}
                  onClick={() => void retry(item)}
                >
                  <Text>{retrying === item.outRefundNo ? '重试中…' : '重试'}</Text>
                </View>
              </View>
              <Text className="money-failed__reason">微信支付：{item.failure}</Text>
              <Text className="money-failed__meta">
                {item.productName} · 原因：{item.reason} · {formatChinaTime(item.at, 'MM-DD HH:mm')}
              </Text>
            </View>
          ))
        }
      </Loadable>
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function MoneyPage() {
  return (
    <MerchantOnly>
      <MoneyPageBody />
    </MerchantOnly>
  )
}
