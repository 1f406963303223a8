// 添加照片 on the customer's forms (申请售后, 评价订单): up to CUSTOMER_PHOTOS_MAX thumbnails, each
// with ✕, and a tile that opens the picker and uploads to the caller's own folder (upload.ts).
// The form holds the photos and whether an upload runs (its submit waits for it); an upload that
// fails says so here and keeps the photos already added. Styles: _form.scss photo-parts.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { CUSTOMER_PHOTOS_MAX } from '@/domain/customer-photos'
import { choosePhotos, photoUrl } from '@/services/upload'

interface PhotoPickerProps {
  photos: string[]
  onChange: (photos: string[]) => void
  uploading: boolean
  onUploading: (uploading: boolean) => void
}

export default function PhotoPicker({
  photos,
  onChange,
  uploading,
  onUploading,
}: PhotoPickerProps) {
  const [error, setError] = useState('')
  const room = CUSTOMER_PHOTOS_MAX - photos.length

  const add = async () => {
    if (uploading || room <= 0) return
    setError('')
    onUploading(true)
    const result = await choosePhotos(room, 'customer')
    onUploading(false)
    if (!result.ok) return setError(result.message)
    onChange([...photos, ...result.data.map((file) => file.fileID)].slice(0, CUSTOMER_PHOTOS_MAX))
  }

  const urls = photos.map(photoUrl)
  return (
    <View className="photo-picker">
      <Text className="photo-picker__label">照片（选填，最多 {CUSTOMER_PHOTOS_MAX} 张）</Text>
      <View className="photo-picker__row">
        {photos.map((photo, index) => (
          <View key={photo} className="photo-picker__item">
            <Image
              className="photo-picker__photo"
              src={urls[index]}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ current: urls[index], urls })}
            />
            <Text
              className="photo-picker__remove"
              onClick={() => onChange(photos.filter((other) => other !== photo))}
            >
              ✕
            </Text>
          </View>
        ))}
        {room > 0 ? (
          <View
            className={`photo-picker__add${uploading ? ' is-busy' : ''}`}
            onClick={() => void add()}
          >
            <Text>{uploading ? '上传中…' : '添加照片'}</Text>
          </View>
        ) : null}
      </View>
      {error ? <Text className="photo-picker__error">{error}</Text> : null}
    </View>
  )
}
