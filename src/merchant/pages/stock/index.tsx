// 库存: materials with on-hand, reserved and available stock against their safety level, open
// restock tasks, adjustments, new materials, and a stock-out flagged on every affected order in
// one step (each order gets an out_of_stock exception offering wait / switch warehouse / cancel).
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { addDays, chinaDateOf } from '@/domain/china-date'
import type { MaterialView, OrderActionResult, StockAdjustReason } from '@/domain/merchant-views'
import type { SaveMaterialPayload } from '@/domain/api/merchant'
import type { RemedyOffer } from '@/domain/order-types'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { useCatalog } from '@/hooks/useHome'
import { merchantActions } from '@/hooks/useMerchantActions'
import { useStock } from '@/hooks/useMerchantData'
import { formatChinaTime } from '@/domain/time'
import { confirmModal, toast } from '@/services/feedback'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import ResultReport from '@/merchant/components/result-report'
import MaterialCard, { ADJUST_REASON_LABELS } from './material-card'
import MaterialForm from './material-form'
import './index.scss'

/** What a stock-out offers: a later date (two weeks on), another warehouse, or cancelling. */
const stockOutOffers = (): RemedyOffer[] => [
  { type: 'wait_new_eta', newEta: addDays(chinaDateOf(new Date()), 14) },
  { type: 'switch_warehouse' },
  { type: 'cancel' },
]

function StockPageBody() {
  const stock = useStock()
  const catalog = useCatalog()
  const [busy, setBusy] = useState(false)
  const [adding, setAdding] = useState(false)
  const [report, setReport] = useState<{ title: string; results: OrderActionResult[] } | null>(null)

  usePullDownRefresh(() => void stock.reload().finally(() => Taro.stopPullDownRefresh()))

  const run = async <T,>(work: () => Promise<{ ok: boolean; message?: string; data?: T }>) => {
    setBusy(true)
    const result = await work()
    setBusy(false)
    if (!result.ok) toast(result.message ?? '操作失败')
    else await stock.reload()
    return result
  }

  const adjust = async (material: MaterialView, delta: number, reason: StockAdjustReason) => {
    const verb = `${ADJUST_REASON_LABELS[reason]} ${delta > 0 ? '+' : ''}${delta}${material.unit}`
    if (!(await confirmModal('调整库存', `${material.name}：${verb}？`))) return
    const result = await run(() =>
      merchantActions.adjustStock({ materialId: material.id, delta, reason }),
    )
    if (result.ok) {
      const { task, shortfall } = result.data!
      toast(
        shortfall > 0
          ? `已调整，仍缺 ${shortfall}${material.unit}`
          : task
            ? '已调整，已生成补货任务'
            : '已调整',
      )
    }
  }

  const flagStockOut = async (material: MaterialView) => {
    const ok = await confirmModal(
      '标记缺货',
      `将 ${material.affectedOrders} 单标记为缺货，顾客可选择等待两周、换仓发货或取消。`,
      { confirmText: '标记', confirmColor: '#c2413b' },
    )
    if (!ok) return
    const result = await run(() =>
      merchantActions.flagStockOut({
        materialId: material.id,
        note: `${material.name}缺货，暂时无法按期制作`,
        offered: stockOutOffers(),
      }),
    )
    if (result.ok) setReport({ title: `${material.name} 缺货标记`, results: result.data!.results })
  }

  const save = async (input: SaveMaterialPayload) => {
    const result = await run(() => merchantActions.saveMaterial(input))
    if (result.ok) {
      setAdding(false)
      toast('已保存')
    }
  }

  const items = (stock.data?.items ?? []) as unknown as MaterialView[]
  const tasks = (stock.data?.tasks ?? []).filter((task) => task.status === 'open')
  const low = items.filter((item) => item.low)

  return (
    <View className="stock">
      <MerchantNav current="stock" />

      {low.length > 0 ? (
        <View className="stock-alert">
          <Text>
            {low.length} 种物料低于安全库存：{low.map((item) => item.name).join('、')}
          </Text>
        </View>
      ) : null}

      {report ? (
        <ResultReport
          title={report.title}
          results={report.results}
          onClose={() => setReport(null)}
        />
      ) : null}

      {tasks.length > 0 ? (
        <View className="stock-tasks">
          <Text className="stock-section-title">补货任务</Text>
          {tasks.map((task) => (
            <View key={task.id} className="stock-task">
              <Text className="stock-task__name">{task.materialName}</Text>
              <Text className="stock-task__detail">
                建议补 {task.suggestedQuantity} · {formatChinaTime(task.createdAt, 'MM-DD HH:mm')}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {adding ? (
        <MaterialForm
          products={catalog.data?.items ?? []}
          busy={busy}
          onSave={(input) => void save(input)}
          onClose={() => setAdding(false)}
        />
      ) : (
        <View className="stock-add" onClick={() => setAdding(true)}>
          <Text>＋ 新增物料</Text>
        </View>
      )}

      {stock.error && !stock.data ? (
        <ErrorState message={stock.error.message} onRetry={() => void stock.reload()} />
      ) : !stock.data ? (
        <SkeletonList rows={3} />
      ) : items.length === 0 ? (
        <EmptyState text="还没有物料" hint="新增物料后，订单会按用量预留库存" />
      ) : (
        items.map((material) => (
          <MaterialCard
            key={material.id}
            material={material}
            busy={busy}
            onAdjust={(delta, reason) => void adjust(material, delta, reason)}
            onFlagStockOut={() => void flagStockOut(material)}
          />
        ))
      )}
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function StockPage() {
  return (
    <MerchantOnly>
      <StockPageBody />
    </MerchantOnly>
  )
}
