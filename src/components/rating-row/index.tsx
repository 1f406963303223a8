// 评价 on a completed order's page (main package, so kept small): the stars, text and photos given, with 修改评价
// while the owner may still change them, 评价订单 when they may rate, or why not yet; the form
// is in the service subpackage. Read again on return, so a rating just given shows.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ratingApi } from '@/domain/api/rating'
import { ratingLines } from '@/domain/rating-view'
import { useCloud } from '@/hooks/useCloud'
import { useReloadOnReturn } from '@/hooks/useReloadOnReturn'
import { SERVICE_PAGES } from '@/routes'
import PhotoStrip from '@/components/photo-strip'
import './index.scss'

export default function RatingRow({ orderId }: { orderId: string }) {
  const state = useCloud(ratingApi.rating, { orderId })
  useReloadOnReturn(state.reload)
  const data = state.data
  if (!data || (!data.rating && !data.may && !data.reason)) return null
  const { rating, may } = data
  const open = () => void Taro.navigateTo({ url: `${SERVICE_PAGES.rating}?orderId=${orderId}` })
  const [kind, value] = rating
    ? ['stars', ratingLines(rating).join('\n')]
    : may
      ? ['rate', '评价订单']
      : ['wait', data.reason]

  return (
    <View className="order-section">
      <View className="order-row order-row--tap" onClick={may ? open : undefined}>
        <Text className="order-row__label">评价</Text>
        <Text className={`order-row__value rating-row__${kind}`}>{value}</Text>
      </View>
      {rating?.text ? <Text className="rating-row__text">{rating.text}</Text> : null}
      <PhotoStrip photos={rating?.photos} />
      {rating && may ? (
        <Text className="rating-row__edit" onClick={open}>
          修改评价
        </Text>
      ) : null}
    </View>
  )
}
