// 为你推荐: the picks of one slot (home, a completed order, 我的补货), each with its reason. A tap
// opens the product with the slot and the item's basis in the link, so the cloud counts the tap.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { recommendationsNote } from '@/domain/home-view'
import { formatFen } from '@/domain/money'
import { recLink, type RecommendSlot } from '@/domain/rec-source'
import { SHOP_PAGES } from '@/routes'
import './index.scss'

export interface ForYouItem {
  productId: string
  name: string
  priceFromFen: number
  basis: string
  reason: string
}

export default function ForYou({
  slot,
  personalised,
  items,
}: {
  slot: RecommendSlot
  personalised: boolean
  items: ForYouItem[]
}) {
  if (items.length === 0) return null
  return (
    <View className={`home-block home-picks home-picks--${slot}`}>
      <View className="home-block__head">
        <Text className="home-block__title">为你推荐</Text>
        <Text className="home-picks__note">{recommendationsNote(personalised, items)}</Text>
      </View>
      <View className="home-picks__grid">
        {items.map((item) => (
          <View
            key={item.productId}
            className={`home-pick home-pick--${item.basis}`}
            data-id={item.productId}
            hoverClass="home-row--pressed"
            onClick={() => void Taro.navigateTo({ url: recLink(SHOP_PAGES.product, slot, item) })}
          >
            <Text className="home-pick__name">{item.name}</Text>
            <Text className="home-pick__reason">{item.reason}</Text>
            <Text className="home-pick__price">{formatFen(item.priceFromFen)} 起</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
