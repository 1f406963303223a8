// 拼单批次: each preorder batch's progress to its minimum and its orders; a merchant may start a
// batch below its minimum (提前开工) or cancel it with every order in it, after a confirmation.
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { batchCancelReason } from '@/domain/api/merchant'
import type { BatchStatus, BatchView, OrderActionResult } from '@/domain/merchant-views'
import { NODE_LABELS } from '@/domain/order-labels'
import { formatChinaTime } from '@/domain/time'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { merchantActions } from '@/hooks/useMerchantActions'
import { useBatches } from '@/hooks/useMerchantData'
import type { Wire } from '@/hooks/order-view'
import { confirmModal, toast } from '@/services/feedback'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import ResultReport from '@/merchant/components/result-report'
import { MERCHANT_PAGES } from '@/routes'
import './index.scss'

const STATUS_LABELS: Record<BatchStatus, string> = {
  collecting: '拼单中',
  reached: '已成团',
  cancelled: '已取消',
}

function BatchCard({
  batch,
  busy,
  onClose,
  onCancel,
}: {
  batch: Wire<BatchView>
  busy: boolean
  onClose: () => void
  onCancel: (note: string) => void
}) {
  const [cancelling, setCancelling] = useState(false)
  const [note, setNote] = useState('')
  const percent = Math.min(100, Math.round((batch.quantity / Math.max(1, batch.minQuantity)) * 100))
  return (
    <View className={`batch batch--${batch.status}`} data-batch={batch.batchId}>
      <View className="batch__head">
        <Text className="batch__name">{batch.productName}</Text>
        <Text className="batch__status">{STATUS_LABELS[batch.status]}</Text>
      </View>
      <View className="batch__progress">
        <View className="batch__bar" style={{ width: `${percent}%` }} />
      </View>
      <Text className="batch__numbers">
        {batch.quantity} / {batch.minQuantity} 件
        {batch.reached ? ' · 已达起订量' : ` · 还差 ${batch.remaining} 件`} · 开团{' '}
        {formatChinaTime(batch.openedAt, 'MM-DD')}
        {batch.deadlineAt
          ? ` · ${formatChinaTime(batch.deadlineAt, 'MM-DD HH:mm')} 前未成团将自动取消`
          : ''}
      </Text>
      {batch.orders.map((order) => (
        <View
          key={order.orderId}
          className="batch__order"
          onClick={() =>
            void Taro.navigateTo({ url: `${MERCHANT_PAGES.order}?id=${order.orderId}` })
          }
        >
          <Text>{order.orderNo}</Text>
          <Text className="batch__order-meta">
            ×{order.quantity} · {NODE_LABELS[order.node]}
          </Text>
        </View>
      ))}
      {batch.status === 'collecting' ? (
        cancelling ? (
          <View className="batch__cancel">
            <Input
              className="batch__note"
              value={note}
              maxlength={batchCancelReason.maxLength}
              placeholder="取消原因（顾客可见）"
              onInput={(e) => setNote(e.detail.value)}
            />
            <View className="batch__buttons">
              <View className="batch__button" onClick={() => setCancelling(false)}>
                <Text>返回</Text>
              </View>
              <View
                className="batch__button batch__button--danger"
                onClick={() =>
                  note.trim() ? !busy && onCancel(note.trim()) : toast('请填写取消原因')
                }
              >
                <Text>取消整批</Text>
              </View>
            </View>
          </View>
        ) : (
          <View className="batch__buttons">
            <View
              className="batch__button batch__button--primary"
              onClick={() => !busy && onClose()}
            >
              <Text>提前开工</Text>
            </View>
            <View className="batch__button" onClick={() => setCancelling(true)}>
              <Text>取消拼单</Text>
            </View>
          </View>
        )
      ) : null}
    </View>
  )
}

function BatchesPageBody() {
  const batches = useBatches()
  const [busy, setBusy] = useState(false)
  const [report, setReport] = useState<{ title: string; results: OrderActionResult[] } | null>(null)

  usePullDownRefresh(() => void batches.reload().finally(() => Taro.stopPullDownRefresh()))

  const closeBatch = async (batch: Wire<BatchView>) => {
    const text = `${batch.productName} 目前 ${batch.quantity}/${batch.minQuantity} 件，未达起订量也立即开工？`
    if (!(await confirmModal('提前开工', text))) return
    setBusy(true)
    const result = await merchantActions.closeBatch(batch.batchId)
    setBusy(false)
    if (!result.ok) return toast(result.message)
    setReport({ title: `${batch.productName} 已开工`, results: result.data.results })
    await batches.reload()
  }

  const cancelBatch = async (batch: Wire<BatchView>, note: string) => {
    const ok = await confirmModal(
      '取消拼单',
      `将取消这批的 ${batch.orders.length} 单并通知顾客，已付款项原路退回，不可撤回。`,
      {
        confirmText: '取消整批',
        confirmColor: '#c2413b',
      },
    )
    if (!ok) return
    setBusy(true)
    const result = await merchantActions.cancelBatch(batch.batchId, note)
    setBusy(false)
    if (!result.ok) return toast(result.message)
    setReport({ title: `${batch.productName} 已取消`, results: result.data.results })
    await batches.reload()
  }

  const items = batches.data?.items ?? []
  return (
    <View className="batches">
      <MerchantNav current="batches" />
      {report ? (
        <ResultReport
          title={report.title}
          results={report.results}
          onClose={() => setReport(null)}
        />
      ) : null}
      {batches.error && !batches.data ? (
        <ErrorState message={batches.error.message} onRetry={() => void batches.reload()} />
      ) : !batches.data ? (
        <SkeletonList rows={2} />
      ) : items.length === 0 ? (
        <EmptyState text="暂无拼单批次" hint="顾客下单拼单商品后会出现在这里" />
      ) : (
        items.map((batch) => (
          <BatchCard
            key={batch.batchId}
            batch={batch}
            busy={busy}
            onClose={() => void closeBatch(batch)}
            onCancel={(note) => void cancelBatch(batch, note)}
          />
        ))
      )}
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function BatchesPage() {
  return (
    <MerchantOnly>
      <BatchesPageBody />
    </MerchantOnly>
  )
}
