// Home: who you are to this shop (the server counts each visit) and what it makes to order.
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ProductKind, ProductSummary } from '@/domain/catalog'
import GreetingCard from '@/components/greeting-card'
import IdentitySwitcher from '@/components/identity-switcher'
import KindFilter, { type KindFilterValue } from '@/components/kind-filter'
import ProductCard from '@/components/product-card'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { useCatalog, useProfile } from '@/hooks/useHome'
import './index.scss'

const PRODUCT_PAGE = '/pages/product/index'

function countByKind(items: ProductSummary[]): Partial<Record<ProductKind, number>> {
  const counts: Partial<Record<ProductKind, number>> = {}
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1
  return counts
}

export default function Index() {
  const profile = useProfile()
  const catalog = useCatalog()
  const [kind, setKind] = useState<KindFilterValue>('all')

  const reloadAll = () => Promise.all([profile.reload(), catalog.reload()])
  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh())
  })

  const items = catalog.data?.items ?? []
  const shown = kind === 'all' ? items : items.filter((item) => item.kind === kind)
  const catalogFailed = catalog.error && !catalog.data

  return (
    <View className="home">
      <View className="home-hero">
        <Text className="home-hero__title">按你的尺寸，为你而做</Text>
        <Text className="home-hero__subtitle">量体定制 · 按单生产 · 每一步都看得见</Text>
      </View>

      <IdentitySwitcher />

      {profile.data ? (
        <GreetingCard profile={profile.data} />
      ) : profile.error && !catalogFailed ? (
        <ErrorState message={profile.error.message} onRetry={() => void reloadAll()} />
      ) : profile.loading ? (
        <View className="greeting-skeleton" />
      ) : null}

      <View className="home-section">
        <View className="home-section__head">
          <Text className="home-section__title">定制商品</Text>
          {catalog.data ? <Text className="home-section__meta">共 {items.length} 件</Text> : null}
        </View>
        {items.length > 1 ? (
          <KindFilter counts={countByKind(items)} defaultValue={kind} onChange={setKind} />
        ) : null}
        {catalogFailed && catalog.error ? (
          <ErrorState message={catalog.error.message} onRetry={() => void reloadAll()} />
        ) : !catalog.data ? (
          <SkeletonList />
        ) : shown.length === 0 ? (
          <EmptyState text="暂无商品" hint="上新后会第一时间出现在这里" />
        ) : (
          <View className="product-list">
            {shown.map((product) => (
              <ProductCard
                key={product.id}
                product={product}
                onTap={(id) => void Taro.navigateTo({ url: `${PRODUCT_PAGE}?id=${id}` })}
              />
            ))}
          </View>
        )}
      </View>
    </View>
  )
}
