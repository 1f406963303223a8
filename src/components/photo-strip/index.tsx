// A customer's photos on a request or a rating, as thumbnails that open WeChat's viewer. Only
// ids shaped like this product's uploads are shown (domain/photos.ts): a stored URL never makes
// this phone fetch what someone else chose.
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { isOrderPhotoId } from '@/domain/photos'
import { photoUrl } from '@/services/photo-url'
import './index.scss'

export default function PhotoStrip({ photos }: { photos?: readonly string[] }) {
  const urls = (photos ?? []).filter((photo) => isOrderPhotoId(photo, 'shape')).map(photoUrl)
  if (urls.length === 0) return null
  return (
    <View className="photo-strip">
      {urls.map((url) => (
        <Image
          key={url}
          className="photo-strip__photo"
          src={url}
          mode="aspectFill"
          lazyLoad
          onClick={() => void Taro.previewImage({ current: url, urls })}
        />
      ))}
    </View>
  )
}
