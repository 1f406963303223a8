// 申请售后: the kinds the order may ask for now, a reason from the list, what to change for
// 改尺寸 (each ordered size with − / +, bounded by the product's range), a note and up to 6
// photos. One request id per visit, so a retried submit never makes a second request; what was
// typed and the photos stay on error; submit waits while a photo uploads.
// 提交申请 first asks for 售后进度通知 (the shop's answers); the request goes whatever the answer.
import { useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { afterSalesApi } from '@/domain/api/after-sales'
import { afterSalesRequestApi } from '@/domain/api/after-sales-request'
import {
  AFTER_SALES_KIND_LABELS,
  AFTER_SALES_REASONS,
  NOTE_MAX,
  type AfterSalesKind,
  type AfterSalesReason,
} from '@/domain/after-sales'
import { alterationEdits } from '@/domain/after-sales-input'
import { Loadable } from '@/components/state-view'
import SubscribeSheetHost from '@/components/subscribe-sheet'
import PhotoPicker from '@/service/components/photo-picker'
import { useCloud } from '@/hooks/useCloud'
import { useSubscribeAtTap } from '@/hooks/useSubscriptions'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import { newRequestId } from '@/services/request-id'
import SizeChanges from './size-changes'
import './index.scss'

export default function AfterSalesPage() {
  const orderId = useRouter().params.orderId ?? ''
  const state = useCloud(afterSalesApi.afterSales, { orderId })
  const [kind, setKind] = useState<AfterSalesKind | null>(null)
  const [reason, setReason] = useState<AfterSalesReason | null>(null)
  const [note, setNote] = useState('')
  const [deltas, setDeltas] = useState<Record<string, number>>({})
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState('')
  const [sending, setSending] = useState(false)
  const requestId = useRef(newRequestId())
  const askForMessages = useSubscribeAtTap('requestAfterSales')

  const submit = async () => {
    if (sending) return
    if (uploading) return setError('照片还在上传，请稍候')
    if (!kind) return setError('请选择售后类型')
    if (!reason) return setError('请选择原因')
    const alterations = kind === 'alteration' ? alterationEdits(deltas) : []
    if (kind === 'alteration' && alterations.length === 0)
      return setError('请用 − / + 填写要修改的尺寸')
    setError('')
    setSending(true)
    // Asked inside the tap, and recorded before the request exists, so the shop's first answer
    // finds its credit. Only once per visit: a retry after an error sends without asking again.
    await askForMessages().recorded
    const result = await callCloud(afterSalesRequestApi.requestAfterSales, {
      orderId,
      requestId: requestId.current,
      kind,
      reason,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(alterations.length > 0 ? { alterations } : {}),
      ...(photos.length > 0 ? { photos } : {}),
    })
    setSending(false)
    if (!result.ok) return setError(result.message)
    toast('已提交，商家会尽快处理')
    void Taro.navigateBack()
  }

  return (
    <View className="after-sales-form">
      <Loadable state={state} rows={3}>
        {(data) =>
          data.offered.length === 0 ? (
            <Text className="after-sales-form__closed">
              这个订单现在不能申请售后（已有处理中的申请，或尚未签收）。
            </Text>
          ) : (
            <>
              <Text className="after-sales-form__label">售后类型</Text>
              <View className="after-sales-form__chips">
                {data.offered.map((option) => (
                  <View
                    key={option}
                    className={`as-chip as-chip--kind-${option}${kind === option ? ' as-chip--on' : ''}`}
                    onClick={() => setKind(option)}
                  >
                    <Text>{AFTER_SALES_KIND_LABELS[option]}</Text>
                  </View>
                ))}
              </View>
              {kind === 'alteration' ? (
                <SizeChanges sizes={data.sizes} deltas={deltas} onChange={setDeltas} />
              ) : null}
              <Text className="after-sales-form__label">原因</Text>
              <View className="after-sales-form__chips">
                {AFTER_SALES_REASONS.map((option) => (
                  <View
                    key={option}
                    className={`as-chip as-chip--reason${reason === option ? ' as-chip--on' : ''}`}
                    onClick={() => setReason(option)}
                  >
                    <Text>{option}</Text>
                  </View>
                ))}
              </View>
              <Text className="after-sales-form__label">问题描述（选填）</Text>
              <Textarea
                className="after-sales-form__note"
                value={note}
                maxlength={NOTE_MAX}
                placeholder="哪里不合适、希望怎么处理"
                onInput={(e) => setNote(e.detail.value)}
              />
              <PhotoPicker
                photos={photos}
                onChange={setPhotos}
                uploading={uploading}
                onUploading={setUploading}
              />
              {error ? <Text className="after-sales-form__error">{error}</Text> : null}
              <View
                className={`after-sales-form__submit${sending || uploading ? ' is-busy' : ''}`}
                onClick={() => void submit()}
              >
                <Text>{sending ? '提交中…' : '提交申请'}</Text>
              </View>
            </>
          )
        }
      </Loadable>
      <SubscribeSheetHost />
    </View>
  )
}
