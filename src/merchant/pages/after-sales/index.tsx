// 售后: open after-sales requests, oldest first, filtered by kind, each with the customer's photos
// and marked 超时 once unanswered past the shop's promise. 受理 takes a plan and its days, 不受理 a reason (each asked
// once more before sending); the customer's 寄回信息 shows on the card; an accepted request is
// 完成 when the work is done, and a return's 完成 refunds it. 批量处理 selects unanswered requests
// for one 受理 or 不受理 (batch-answer.tsx), reported request by request.
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { merchantApi } from '@/domain/api/merchant'
import {
  AFTER_SALES_KINDS,
  AFTER_SALES_KIND_LABELS,
  requestLines,
  type AfterSalesKind,
} from '@/domain/after-sales'
import { formatChinaTime } from '@/domain/time'
import type { ResultOf } from '@/domain/api/contract'
import PhotoStrip from '@/components/photo-strip'
import { Loadable } from '@/components/state-view'
import { useCloud } from '@/hooks/useCloud'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import ResultReport from '@/merchant/components/result-report'
import { MERCHANT_PAGES } from '@/routes'
import BatchAnswer from './batch-answer'
import DecisionForm from './decision-form'
import './index.scss'

function AfterSalesPageBody() {
  const [kind, setKind] = useState<AfterSalesKind | undefined>(undefined)
  const queue = useCloud(merchantApi.afterSalesQueue, kind ? { kind } : {})
  usePullDownRefresh(() => void queue.reload().finally(() => Taro.stopPullDownRefresh()))
  const [batch, setBatch] = useState(false)
  const [selected, setSelected] = useState<string[]>([])
  const [report, setReport] = useState<{
    title: string
    view: ResultOf<typeof merchantApi.decideAfterSalesMany>
  } | null>(null)
  const unanswered = (queue.data?.items ?? []).filter((item) => item.state === 'submitted')
  const chosen = unanswered.filter((item) => selected.includes(item._id))
  const toggle = (id: string) =>
    setSelected((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]))

  return (
    <View className="m-after-sales">
      <MerchantNav current="afterSales" />
      <View className="m-after-sales__filters">
        {[undefined, ...AFTER_SALES_KINDS].map((option) => (
          <View
            key={option ?? 'all'}
            className={`m-as-filter${option === kind ? ' m-as-filter--on' : ''}`}
            onClick={() => {
              setKind(option)
              setSelected([])
            }}
          >
            <Text>{option ? AFTER_SALES_KIND_LABELS[option] : '全部'}</Text>
          </View>
        ))}
      </View>
      {report ? (
        <ResultReport
          title={report.title}
          results={report.view.results}
          unit="个"
          onClose={() => setReport(null)}
        />
      ) : null}
      {unanswered.length > 0 ? (
        <View
          className={`m-as-mode${batch ? ' m-as-mode--on' : ''}`}
          onClick={() => {
            setBatch(!batch)
            setSelected([])
          }}
        >
          <Text>{batch ? '退出批量处理' : '批量处理待处理申请'}</Text>
        </View>
      ) : null}
      <Loadable
        state={queue}
        rows={2}
        empty={{
          when: (data) => data.items.length === 0,
          text: '没有待处理的售后申请',
          hint: '顾客在已签收的订单上申请售后后会出现在这里',
        }}
      >
        {(data) =>
          data.items.map((request) => {
            const lines = requestLines(request)
            const selectable = batch && request.state === 'submitted'
            const checked = selectable && selected.includes(request._id)
            return (
              <View
                key={request._id}
                className={`m-as-card${selectable ? ' m-as-card--selectable' : ''}${checked ? ' m-as-card--checked' : ''}`}
                data-id={request._id}
                onClick={() => selectable && toggle(request._id)}
              >
                <View className="m-as-card__head">
                  {selectable ? (
                    <View className="m-as-card__box">{checked ? <Text>✓</Text> : null}</View>
                  ) : null}
                  <Text
                    className="m-as-card__no"
                    onClick={() =>
                      // In batch mode a tap anywhere on the card selects it.
                      batch
                        ? undefined
                        : void Taro.navigateTo({
                            url: `${MERCHANT_PAGES.order}?id=${request.orderId}`,
                          })
                    }
                  >
                    订单 {request.orderNo}
                  </Text>
                  {request.overdue ? (
                    <Text className="m-as-card__overdue">
                      超时（{data.responseHours} 小时未处理）
                    </Text>
                  ) : null}
                  <Text className="m-as-card__state">{lines.state}</Text>
                </View>
                <Text className="m-as-card__summary">
                  {request.productName} · {lines.summary}
                </Text>
                {lines.detail ? <Text className="m-as-card__detail">{lines.detail}</Text> : null}
                <PhotoStrip photos={request.photos} />
                {lines.shipment ? (
                  <Text className="m-as-card__shipment">{lines.shipment}</Text>
                ) : null}
                <Text className="m-as-card__at">
                  申请于 {formatChinaTime(request.createdAt, 'MM-DD HH:mm')} · 原因：
                  {request.reason}
                </Text>
                {batch ? null : (
                  <DecisionForm request={request} onDone={() => void queue.reload()} />
                )}
              </View>
            )
          })
        }
      </Loadable>
      {batch && chosen.length > 0 ? (
        <BatchAnswer
          chosen={chosen}
          onDone={(title, view) => {
            setReport({ title, view })
            setSelected([])
            void queue.reload()
          }}
        />
      ) : null}
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function AfterSalesPage() {
  return (
    <MerchantOnly>
      <AfterSalesPageBody />
    </MerchantOnly>
  )
}
