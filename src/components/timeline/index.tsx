// The order's node timeline, newest first: what happened (node or exception step), when (China
// time), the note and photo thumbnails. Long timelines show the latest few and expand on tap.
// Only photos shaped like this product's uploads are shown (domain/photos.ts): a URL stored
// before order.act checked them is never fetched by the phone that opens the order.
// Compiled as a native custom component too (npm run build:components) and tested there.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { NODE_LABELS } from '@/domain/order-labels'
import { isOrderPhotoId } from '@/domain/photos'
import type { OrderEvent } from '@/domain/order-types'
import { formatChinaTime } from '@/domain/time'
import type { TimelineEntryView } from '@/hooks/order-view'
import { photoUrl } from '@/services/photo-url'
import './index.scss'

/** Events that leave the node as it is get their own consumer-facing title. */
const SAME_NODE_TITLES: Partial<Record<OrderEvent, string>> = {
  set_eta: '预计完成日期已调整',
  flag_exception: '订单出现异常',
  choose_remedy: '已选择处理方式',
  resolve_exception: '异常已处理',
}

export function entryTitle(entry: Pick<TimelineEntryView, 'event' | 'node'>): string {
  return (entry.event !== 'submit' && SAME_NODE_TITLES[entry.event]) || NODE_LABELS[entry.node]
}

export interface TimelineProps {
  entries: TimelineEntryView[]
  /** How many of the newest entries show before 查看全部. */
  collapsedCount?: number
}

export default function Timeline({ entries, collapsedCount = 4 }: TimelineProps) {
  const [expanded, setExpanded] = useState(false)
  const newestFirst = [...(entries ?? [])].reverse()
  const shown = expanded ? newestFirst : newestFirst.slice(0, collapsedCount)
  const hidden = newestFirst.length - shown.length

  return (
    <View className="timeline">
      {shown.map((entry, index) => {
        const photos = (entry.photos ?? [])
          .filter((photo) => isOrderPhotoId(photo, 'shape'))
          .map(photoUrl)
        return (
          <View
            key={`${entry.at}-${entry.event}`}
            className={`timeline__item${index === 0 ? ' timeline__item--current' : ''}`}
          >
            <View className="timeline__rail">
              <View className="timeline__dot" />
              {index < shown.length - 1 ? <View className="timeline__line" /> : null}
            </View>
            <View className="timeline__body">
              <View className="timeline__head">
                <Text className="timeline__title">{entryTitle(entry)}</Text>
                <Text className="timeline__time">{formatChinaTime(entry.at, 'MM-DD HH:mm')}</Text>
              </View>
              {entry.note ? <Text className="timeline__note">{entry.note}</Text> : null}
              {photos.length > 0 ? (
                <View className="timeline__photos">
                  {photos.map((photo) => (
                    <Image
                      key={photo}
                      className="timeline__photo"
                      src={photo}
                      mode="aspectFill"
                      lazyLoad
                      onClick={() => void Taro.previewImage({ current: photo, urls: photos })}
                    />
                  ))}
                </View>
              ) : null}
            </View>
          </View>
        )
      })}
      {hidden > 0 ? (
        <View className="timeline__more" onClick={() => setExpanded(true)}>
          <Text>查看全部 {newestFirst.length} 条进展</Text>
        </View>
      ) : null}
    </View>
  )
}
