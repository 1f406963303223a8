// The form behind one merchant action: a note and optional photos on every event, plus what the
// event needs (carrier and tracking number, a new ETA with its reason, the exception's kind and
// the remedies to offer). Submitting checks the fields with the event's own server check
// (domain/event-form.ts) and hands the event input to the page, which sends order.act.
import { useState } from 'react'
import { Image, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { Address } from '@/domain/address'
import type { DeliveryWindow } from '@/domain/delivery-window'
import { addDays, chinaDateOf } from '@/domain/china-date'
import { checkEventForm } from '@/domain/event-form'
import { fenToYuan } from '@/domain/money'
import {
  EVENT_LABELS,
  EVENT_SUBMIT_LABELS,
  EXCEPTION_KIND_LABELS,
  REMEDY_LABELS,
} from '@/domain/order-labels'
import { CARRIER_MAX, NOTE_MAX, PHOTOS_MAX, TRACKING_NO_MAX } from '@/domain/order-input'
import {
  EXCEPTION_KINDS,
  REMEDY_TYPES,
  type ExceptionKind,
  type OrderEvent,
  type RemedyType,
} from '@/domain/order-types'
import type { UploadedFile } from '@/domain/merchant-views'
import CharCount from '@/components/char-count'
import { choosePhotos, photoUrl } from '@/services/upload'
import { toast } from '@/services/feedback'
import AddressCard from './address-card'

export interface ActionFormProps {
  event: OrderEvent
  busy: boolean
  /** The order's price caps a coupon. */
  priceFen: number
  /** The order's ETA: a new date is proposed a week after it. */
  eta: string
  /** Shown on the shipping form: the parcel is addressed from it. */
  address: Address
  deliveryWindow?: Pick<DeliveryWindow, 'kind' | 'date'> | null
  onSubmit: (input: Record<string, unknown>) => void
  onClose: () => void
}

/** The note's prompt; the events whose check requires a note say so. */
const NOTE_PLACEHOLDERS: Partial<Record<OrderEvent, string>> = {
  flag_exception: '请说明异常情况（顾客可见）',
  set_eta: '调整原因（顾客可见）',
}

export default function ActionForm({
  event,
  busy,
  priceFen,
  eta: currentEta,
  address,
  deliveryWindow,
  onSubmit,
  onClose,
}: ActionFormProps) {
  const today = chinaDateOf(new Date())
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<UploadedFile[]>([])
  const [uploading, setUploading] = useState(false)
  const [carrier, setCarrier] = useState('')
  const [trackingNo, setTrackingNo] = useState('')
  const [eta, setEta] = useState(addDays(currentEta > today ? currentEta : today, 7))
  const [kind, setKind] = useState<ExceptionKind>('delayed')
  const [remedies, setRemedies] = useState<RemedyType[]>(['wait_new_eta'])
  const [couponYuan, setCouponYuan] = useState(fenToYuan(Math.min(2000, priceFen)))
  const [error, setError] = useState<{ path: string; message: string }>()

  const addPhotos = async () => {
    setUploading(true)
    const result = await choosePhotos(PHOTOS_MAX - photos.length)
    setUploading(false)
    if (!result.ok) return toast(result.message)
    setPhotos((prev) => [...prev, ...result.data])
  }

  const toggleRemedy = (type: RemedyType) =>
    setRemedies((prev) => (prev.includes(type) ? prev.filter((t) => t !== type) : [...prev, type]))

  const submit = () => {
    if (busy || uploading) return
    const fields = {
      note,
      photos: photos.map((photo) => photo.fileID),
      carrier,
      trackingNo,
      eta,
      kind,
      remedies,
      couponYuan,
    }
    const checked = checkEventForm(event, fields, {
      order: { quote: { priceFen }, exception: null },
      today,
    })
    if (!checked.ok) {
      setError(checked)
      return toast(checked.message)
    }
    setError(undefined)
    onSubmit(checked.value as Record<string, unknown>)
  }

  const label = EVENT_LABELS[event]
  return (
    <View className={`action-form action-form--${event}`}>
      <Text className="action-form__title">{label}</Text>

      {event === 'ship' ? (
        <>
          <AddressCard address={address} deliveryWindow={deliveryWindow} />
          <Input
            className="action-form__input action-form__carrier"
            value={carrier}
            maxlength={CARRIER_MAX}
            placeholder="快递公司，如 顺丰速运"
            onInput={(e) => setCarrier(e.detail.value)}
          />
          <Input
            className="action-form__input action-form__tracking"
            value={trackingNo}
            maxlength={TRACKING_NO_MAX}
            placeholder="快递单号"
            onInput={(e) => setTrackingNo(e.detail.value)}
          />
        </>
      ) : null}

      {event === 'flag_exception' ? (
        <>
          <View className="action-form__choices">
            {EXCEPTION_KINDS.map((k) => (
              <View
                key={k}
                className={`action-form__choice${kind === k ? ' action-form__choice--on' : ''}`}
                data-kind={k}
                onClick={() => setKind(k)}
              >
                <Text>{EXCEPTION_KIND_LABELS[k]}</Text>
              </View>
            ))}
          </View>
          <Text className="action-form__label">提供给顾客的处理方式（可多选）</Text>
          <View className="action-form__choices">
            {REMEDY_TYPES.map((type) => (
              <View
                key={type}
                className={`action-form__choice${remedies.includes(type) ? ' action-form__choice--on' : ''}`}
                data-remedy={type}
                onClick={() => toggleRemedy(type)}
              >
                <Text>{REMEDY_LABELS[type]}</Text>
              </View>
            ))}
          </View>
          {remedies.includes('coupon') ? (
            <Text className="action-form__label">补偿券金额（元）</Text>
          ) : null}
          {remedies.includes('coupon') ? (
            <Input
              className="action-form__input action-form__coupon"
              type="digit"
              value={couponYuan}
              placeholder="补偿券金额（元）"
              onInput={(e) => setCouponYuan(e.detail.value)}
            />
          ) : null}
        </>
      ) : null}

      {event === 'set_eta' || (event === 'flag_exception' && remedies.includes('wait_new_eta')) ? (
        <Picker mode="date" value={eta} start={today} onChange={(e) => setEta(e.detail.value)}>
          <View className="action-form__input action-form__eta">
            <Text>
              {event === 'set_eta' ? '新的预计完成日期' : '新的完成日期'}：{eta}
            </Text>
          </View>
        </Picker>
      ) : null}

      <Textarea
        className="action-form__note"
        value={note}
        maxlength={NOTE_MAX}
        placeholder={NOTE_PLACEHOLDERS[event] ?? '备注（选填，顾客可见）'}
        onInput={(e) => setNote(e.detail.value)}
      />
      <View className="action-form__count">
        <CharCount value={note} max={NOTE_MAX} />
      </View>
      {error ? (
        <Text className="action-form__error field-error" data-path={error.path}>
          {error.message}
        </Text>
      ) : null}

      <View className="action-form__photos">
        {photos.map((photo) => (
          <Image
            key={photo.fileID}
            className="action-form__photo"
            src={photo.url || photoUrl(photo.fileID)}
            mode="aspectFill"
          />
        ))}
        {photos.length < PHOTOS_MAX ? (
          <View className="action-form__add-photo" onClick={() => !uploading && void addPhotos()}>
            <Text>{uploading ? '上传中…' : '＋ 照片'}</Text>
          </View>
        ) : null}
      </View>

      <View className="action-form__buttons">
        <View className="action-form__cancel" onClick={onClose}>
          <Text>返回</Text>
        </View>
        <View
          className={`action-form__submit${busy || uploading ? ' action-form__submit--busy' : ''}`}
          onClick={submit}
        >
          <Text>{busy ? '提交中…' : EVENT_SUBMIT_LABELS[event]}</Text>
        </View>
      </View>
    </View>
  )
}
