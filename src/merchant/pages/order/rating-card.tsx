// The customer's 评价 of this order, as order.detail gives it to a merchant: the stars per
// aspect (合身 only when it was asked), the text and photos, when it was given, and 已修改 once
// changed.
import { Text, View } from '@tarojs/components'
import PhotoStrip from '@/components/photo-strip'
import type { Wire } from '@/domain/api/contract'
import type { RatingRecord } from '@/domain/rating'
import { ratingLines } from '@/domain/rating-view'
import { formatChinaTime } from '@/domain/time'

export default function RatingCard({ rating }: { rating: Wire<RatingRecord> }) {
  return (
    <View className="m-order-section m-order-rating">
      <Text className="m-order-section__title">顾客评价</Text>
      {ratingLines(rating).map((line) => (
        <Text key={line} className="m-order-rating__line">
          {line}
        </Text>
      ))}
      {rating.text ? <Text className="m-order-rating__text">{rating.text}</Text> : null}
      <PhotoStrip photos={rating.photos} />
      <Text className="m-order-rating__at">
        评价于 {formatChinaTime(rating.createdAt, 'YYYY-MM-DD HH:mm')}
        {rating.edits > 0 ? ` · 已修改（${formatChinaTime(rating.updatedAt, 'MM-DD HH:mm')}）` : ''}
      </Text>
    </View>
  )
}
