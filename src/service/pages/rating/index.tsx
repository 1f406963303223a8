// 评价订单: 质量, 合身 (made-to-measure orders only) and 准时 as tappable stars, a text and up to
// 6 photos. Opened again within the edit window it starts from the rating given and changes it
// (text and photos as they now are). What was chosen stays on error; the button says 提交中…
// while the call runs and waits while a photo uploads.
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { ratingApi } from '@/domain/api/rating'
import { rateOrderApi } from '@/domain/api/rating-order'
import { RATING_TEXT_MAX } from '@/domain/rating'
import { RATING_ASPECT_LABELS, RATING_ASPECTS, type RatingAspect } from '@/domain/rating-view'
import { formatChinaTime } from '@/domain/time'
import CharCount from '@/components/char-count'
import { Loadable } from '@/components/state-view'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import PhotoPicker from '@/service/components/photo-picker'
import StarRow from './star-row'
import './index.scss'

type Scores = Partial<Record<RatingAspect, number>>

export default function RatingPage() {
  const orderId = useRouter().params.orderId ?? ''
  const state = useCloud(ratingApi.rating, { orderId })
  // Only what was changed here; the rest shows the rating already given.
  const [changed, setChanged] = useState<Scores>({})
  const [typed, setTyped] = useState<string | null>(null)
  const [picked, setPicked] = useState<string[] | null>(null)
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState('')
  const [sending, setSending] = useState(false)

  return (
    <View className="rating-form">
      <Loadable state={state} rows={2}>
        {(data) => {
          if (!data.may)
            return (
              <Text className="rating-form__closed">{data.reason ?? '这个订单现在不能评价。'}</Text>
            )
          const given = data.rating
          const scores: Scores = {
            ...(given ? { quality: given.quality, onTime: given.onTime } : {}),
            ...(given?.fit ? { fit: given.fit } : {}),
            ...changed,
          }
          const text = typed ?? given?.text ?? ''
          const photos = picked ?? given?.photos ?? []
          const aspects = RATING_ASPECTS.filter((aspect) => aspect !== 'fit' || data.fitAsked)

          const submit = async () => {
            if (sending) return
            if (uploading) return setError('照片还在上传，请稍候')
            const missing = aspects.find((aspect) => !scores[aspect])
            if (missing) return setError(`请为${RATING_ASPECT_LABELS[missing]}打分`)
            setError('')
            setSending(true)
            const result = await callCloud(rateOrderApi.rateOrder, {
              orderId,
              quality: scores.quality!,
              onTime: scores.onTime!,
              ...(data.fitAsked ? { fit: scores.fit! } : {}),
              ...(text.trim() ? { text: text.trim() } : {}),
              ...(photos.length > 0 ? { photos } : {}),
            })
            setSending(false)
            if (!result.ok) return setError(result.message)
            toast(result.data.created ? '感谢你的评价' : '评价已修改')
            void Taro.navigateBack()
          }

          return (
            <>
              {aspects.map((aspect) => (
                <StarRow
                  key={aspect}
                  aspect={aspect}
                  score={scores[aspect]}
                  onChange={(score) => setChanged({ ...changed, [aspect]: score })}
                />
              ))}
              <Text className="rating-form__label">说说这一单（选填）</Text>
              <Textarea
                className="rating-form__text"
                value={text}
                maxlength={RATING_TEXT_MAX}
                placeholder="做工、尺寸、送达时间……"
                onInput={(e) => setTyped(e.detail.value)}
              />
              <CharCount value={text} max={RATING_TEXT_MAX} />
              <PhotoPicker
                photos={photos}
                onChange={setPicked}
                uploading={uploading}
                onUploading={setUploading}
              />
              {data.editableUntil ? (
                <Text className="rating-form__hint">
                  可在 {formatChinaTime(data.editableUntil, 'MM-DD HH:mm')} 前修改
                </Text>
              ) : null}
              {error ? <Text className="rating-form__error">{error}</Text> : null}
              <View
                className={`rating-form__submit${sending || uploading ? ' is-busy' : ''}`}
                onClick={() => void submit()}
              >
                <Text>{sending ? '提交中…' : given ? '保存修改' : '提交评价'}</Text>
              </View>
            </>
          )
        }}
      </Loadable>
    </View>
  )
}
