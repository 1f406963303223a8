// Home: about the customer — orders still on their way, refills running out and 为你推荐 with a
// reason for each — then what the shop makes to order. One cloud call (user.home) brings it all.
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ProductKind, ProductSummary } from '@/domain/catalog'
import ForYou from '@/components/for-you'
import IdentitySwitcher from '@/components/identity-switcher'
import KindFilter, { type KindFilterValue } from '@/components/kind-filter'
import ProductCard from '@/components/product-card'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { useHome } from '@/hooks/useHome'
import { useReloadOnReturn } from '@/hooks/useReloadOnReturn'
import { SHOP_PAGES } from '@/routes'
import { toast } from '@/services/feedback'
import { prefillConfirm } from '@/services/refill-reorder'
import { OrdersInProgress, RefillsDue } from './for-you'
import './index.scss'

function countByKind(items: ProductSummary[]): Partial<Record<ProductKind, number>> {
  const counts: Partial<Record<ProductKind, number>> = {}
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1
  return counts
}

export default function Index() {
  const home = useHome()
  const [kind, setKind] = useState<KindFilterValue>('all')
  const [reordering, setReordering] = useState(false)

  usePullDownRefresh(() => {
    void home.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReloadOnReturn(home.reload)

  const openProduct = (id: string) =>
    void Taro.navigateTo({ url: `${SHOP_PAGES.product}?id=${id}` })
  const reorder = async (refill: { productId: string; lastOrderId: string }) => {
    setReordering(true)
    const result = await prefillConfirm(refill)
    setReordering(false)
    if (!result.ok) toast(result.message)
  }

  const data = home.data
  const items = data?.catalog ?? []
  const shown = kind === 'all' ? items : items.filter((item) => item.kind === kind)

  return (
    <View className="home">
      <View className="home-hero">
        <Text className="home-hero__title">按你的尺寸，为你而做</Text>
        <Text className="home-hero__subtitle">量体定制 · 按单生产 · 每一步都看得见</Text>
      </View>

      <IdentitySwitcher />

      {!data ? (
        home.error ? (
          <ErrorState message={home.error.message} onRetry={() => void home.reload()} />
        ) : (
          <SkeletonList rows={2} />
        )
      ) : (
        <>
          <OrdersInProgress
            orders={data.orders}
            onOpen={(id) => void Taro.navigateTo({ url: `${SHOP_PAGES.order}?id=${id}` })}
          />
          <RefillsDue refills={data.refills} busy={reordering} onReorder={(r) => void reorder(r)} />
          <ForYou slot="home" personalised={data.personalised} items={data.recommendations} />

          <View className="home-section">
            <View className="home-section__head">
              <Text className="home-section__title">定制商品</Text>
              <Text className="home-section__meta">共 {items.length} 件</Text>
            </View>
            {items.length > 1 ? (
              <KindFilter counts={countByKind(items)} defaultValue={kind} onChange={setKind} />
            ) : null}
            {shown.length === 0 ? (
              <EmptyState text="暂无商品" hint="上新后会第一时间出现在这里" />
            ) : (
              <View className="product-list">
                {shown.map((product) => (
                  <ProductCard key={product.id} product={product} onTap={openProduct} />
                ))}
              </View>
            )}
          </View>
        </>
      )}
    </View>
  )
}
