// 订单看板: node tabs with counts, overdue and exception orders first (the server orders them),
// search by order number or phone tail, product and urgent filters, and a batch mode that
// advances the selected orders of one node together and reports each failure.
import { useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Input, ScrollView, Text, View } from '@tarojs/components'
import { firstNodeWithWork, type BoardFocus } from '@/domain/board'
import type { ActManyView } from '@/domain/merchant-views'
import { EVENT_LABELS, NODE_LABELS } from '@/domain/order-labels'
import { BOARD_COUNTED_NODES, ORDER_NODES, type OrderEvent } from '@/domain/order-types'
import BatchSelectList from '@/components/batch-select-list'
import type { Selection } from '@/components/batch-select-list/selection'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { useCatalog } from '@/hooks/useHome'
import { useReloadOnReturn } from '@/hooks/useReloadOnReturn'
import { merchantActions } from '@/hooks/useMerchantActions'
import { useMerchantBoard, type BoardFilters } from '@/hooks/useMerchantBoard'
import { confirmModal, toast } from '@/services/feedback'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import ResultReport from '@/merchant/components/result-report'
import { batchEventsFor } from '@/domain/batch-advance'
import { MERCHANT_PAGES } from '@/routes'
import OrderRow, { orderFlags } from './order-row'
import './index.scss'

function BoardPageBody() {
  const [filters, setFilters] = useState<BoardFilters>({
    node: 'submitted',
    search: '',
    productId: null,
    urgent: false,
    only: null,
  })
  const [draft, setDraft] = useState('')
  const [batchMode, setBatchMode] = useState(false)
  const [selection, setSelection] = useState<Selection>({ node: null, ids: [] })
  const [listKey, setListKey] = useState(0)
  const [report, setReport] = useState<{ title: string; view: ActManyView } | null>(null)
  const [busy, setBusy] = useState(false)
  const board = useMerchantBoard(filters)
  const catalog = useCatalog()
  const searching = filters.search.trim() !== ''

  usePullDownRefresh(() => void board.reload().finally(() => Taro.stopPullDownRefresh()))
  // Back from an order (or another app): what the merchant just did must show in the counts.
  useReloadOnReturn(board.reload)
  useReachBottom(() => void board.loadMore())

  const change = (next: Partial<BoardFilters>) => {
    setFilters((prev) => ({ ...prev, ...next }))
    setSelection({ node: null, ids: [] })
    setListKey((key) => key + 1)
  }

  const advance = async (event: OrderEvent) => {
    const count = selection.ids.length
    const label = EVENT_LABELS[event]
    if (!(await confirmModal('批量处理', `将已选的 ${count} 单「${label}」？每单分别校验并记录。`)))
      return
    setBusy(true)
    const result = await merchantActions.actMany({ orderIds: selection.ids, event })
    setBusy(false)
    if (!result.ok) return toast(result.message)
    setReport({ title: `批量${label}`, view: result.data })
    change({})
    await board.reload()
  }

  const products = catalog.data?.items ?? []
  const counts = board.summary?.counts

  // Opens on the first column with orders waiting, once, unless the merchant already chose.
  const placed = useRef(false)
  useEffect(() => {
    if (placed.current || !counts) return
    placed.current = true
    const first = firstNodeWithWork(counts)
    if (first !== filters.node && !filters.only && !searching) change({ node: first })
  }, [counts]) // eslint-disable-line react-hooks/exhaustive-deps

  const focus = (only: BoardFocus) => {
    placed.current = true
    change({ only: filters.only === only ? null : only })
  }
  const focusing = !searching && filters.only !== null

  return (
    <View className="board">
      <MerchantNav current="board" />

      <View className="board-summary">
        <View
          className={`board-summary__item board-summary__item--overdue${filters.only === 'overdue' ? ' board-summary__item--on' : ''}`}
          onClick={() => focus('overdue')}
        >
          <Text className="board-summary__value">{board.summary?.overdue ?? '–'}</Text>
          <Text className="board-summary__label">逾期</Text>
        </View>
        <View
          className={`board-summary__item board-summary__item--exceptions${filters.only === 'exceptions' ? ' board-summary__item--on' : ''}`}
          onClick={() => focus('exceptions')}
        >
          <Text className="board-summary__value">{board.summary?.exceptions ?? '–'}</Text>
          <Text className="board-summary__label">异常</Text>
        </View>
      </View>

      <View className="board-search">
        <Input
          className="board-search__input"
          value={draft}
          placeholder="订单号或手机尾号 4 位"
          confirmType="search"
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => change({ search: draft })}
        />
        <View className="board-search__button" onClick={() => change({ search: draft })}>
          <Text>搜索</Text>
        </View>
        {searching ? (
          <View
            className="board-search__clear"
            onClick={() => {
              setDraft('')
              change({ search: '' })
            }}
          >
            <Text>清除</Text>
          </View>
        ) : null}
      </View>

      <ScrollView scrollX className="board-filters">
        <View
          className={`board-chip${filters.urgent ? ' board-chip--active' : ''} board-chip--urgent`}
          onClick={() => change({ urgent: !filters.urgent })}
        >
          <Text>只看急单</Text>
        </View>
        <View
          className={`board-chip${filters.productId === null ? ' board-chip--active' : ''}`}
          onClick={() => change({ productId: null })}
        >
          <Text>全部商品</Text>
        </View>
        {products.map((product) => (
          <View
            key={product.id}
            className={`board-chip${filters.productId === product.id ? ' board-chip--active' : ''}`}
            data-product={product.id}
            onClick={() => change({ productId: product.id })}
          >
            <Text>{product.name}</Text>
          </View>
        ))}
      </ScrollView>

      {searching ? (
        <Text className="board-searching">“{filters.search.trim()}” 的搜索结果（全部节点）</Text>
      ) : focusing ? (
        <View className="board-focus">
          <Text className="board-focus__title">
            {filters.only === 'overdue' ? '逾期订单' : '异常订单'}（全部在制节点）
          </Text>
          <View className="board-focus__back" onClick={() => change({ only: null })}>
            <Text>返回看板</Text>
          </View>
        </View>
      ) : (
        <ScrollView scrollX className="board-nodes">
          {ORDER_NODES.map((node) => (
            <View
              key={node}
              className={`board-node${filters.node === node ? ' board-node--active' : ''}`}
              data-node={node}
              onClick={() => {
                placed.current = true
                change({ node })
              }}
            >
              <Text className="board-node__label">{NODE_LABELS[node]}</Text>
              {BOARD_COUNTED_NODES.includes(node) ? (
                <Text className="board-node__count">{counts?.[node] ?? '–'}</Text>
              ) : null}
            </View>
          ))}
        </ScrollView>
      )}

      {report ? (
        <ResultReport
          title={report.title}
          results={report.view.results}
          onClose={() => setReport(null)}
        />
      ) : null}

      {board.items.length > 0 ? (
        <View
          className={`board-mode${batchMode ? ' board-mode--on' : ''}`}
          onClick={() => {
            setBatchMode(!batchMode)
            change({})
          }}
        >
          <Text>{batchMode ? '退出批量处理' : '批量处理'}</Text>
        </View>
      ) : null}

      {board.error && board.items.length === 0 ? (
        <ErrorState message={board.error.message} onRetry={() => void board.reload()} />
      ) : board.loading && board.items.length === 0 ? (
        <SkeletonList rows={3} />
      ) : board.items.length === 0 ? (
        <EmptyState
          text={
            searching
              ? '没有找到匹配的订单'
              : focusing
                ? filters.only === 'overdue'
                  ? '没有逾期订单'
                  : '没有待处理的异常'
                : '这个节点暂无订单'
          }
        />
      ) : batchMode ? (
        <BatchSelectList
          key={listKey}
          items={board.items.map((order) => ({
            id: order._id,
            node: order.node,
            title: `${order.orderNo} · ${order.productSnapshot.name}`,
            subtitle: `${order.address.name} · ${NODE_LABELS[order.node]} · 预计 ${order.eta}`,
            // An unpaid order cannot be confirmed: said before anything else.
            flag:
              order.payment?.state === 'unpaid'
                ? '待付款'
                : order.balance?.state === 'unpaid'
                  ? '待付尾款'
                  : orderFlags(order)[0],
          }))}
          onChange={setSelection}
        />
      ) : (
        <View className="board-list">
          {board.items.map((order) => (
            <OrderRow
              key={order._id}
              order={order}
              onOpen={() =>
                void Taro.navigateTo({ url: `${MERCHANT_PAGES.order}?id=${order._id}` })
              }
            />
          ))}
        </View>
      )}

      {board.loadingMore ? <Text className="board-more">加载中…</Text> : null}

      {batchMode && selection.node && selection.ids.length > 0 ? (
        <View className="board-batch-bar">
          <Text className="board-batch-bar__count">已选 {selection.ids.length} 单</Text>
          {batchEventsFor(selection.node).map((event) => (
            <View
              key={event}
              className={`board-batch-bar__action${busy ? ' board-batch-bar__action--busy' : ''}`}
              data-event={event}
              onClick={() => !busy && void advance(event)}
            >
              <Text>{busy ? '处理中…' : EVENT_LABELS[event]}</Text>
            </View>
          ))}
          {batchEventsFor(selection.node).length === 0 ? (
            <Text className="board-batch-bar__none">该节点需逐单处理</Text>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function BoardPage() {
  return (
    <MerchantOnly>
      <BoardPageBody />
    </MerchantOnly>
  )
}
