// Customise: the product's schema from the cloud, rendered as a form (customise-form.tsx).
import { useDidShow, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ErrorState, SkeletonList } from '@/components/state-view'
import { useDraftOrder } from '@/hooks/useDraftOrder'
import { useProduct } from '@/hooks/useProduct'
import { openHandedOverOrder } from '@/services/placed-order'
import CustomiseForm from './customise-form'
import './index.scss'

export default function ProductPage() {
  const { params } = useRouter()
  // Back here from 确认下单 once the order is placed: the order opens in this page's place.
  useDidShow(openHandedOverOrder)
  const product = useProduct(params.id ?? '', params)
  // What was chosen and typed for this product survives a reload (services/draft-order).
  const stored = useDraftOrder()
  const kept = stored && stored.product._id === params.id ? stored.selection : undefined
  return (
    <View className="customise">
      {product.data && stored !== null ? (
        <CustomiseForm key={product.data.product._id} product={product.data.product} kept={kept} />
      ) : product.error ? (
        <ErrorState message={product.error.message} onRetry={() => void product.reload()} />
      ) : (
        <SkeletonList rows={2} />
      )}
    </View>
  )
}
