// Customise: the product's schema from the cloud, rendered as a form (customise-form.tsx).
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ErrorState, SkeletonList } from '@/components/state-view'
import { useProduct } from '@/hooks/useProduct'
import CustomiseForm from './customise-form'
import './index.scss'

export default function ProductPage() {
  const { params } = useRouter()
  const product = useProduct(params.id ?? '')
  return (
    <View className="customise">
      {product.data ? (
        <CustomiseForm key={product.data.product._id} product={product.data.product} />
      ) : product.error ? (
        <ErrorState message={product.error.message} onRetry={() => void product.reload()} />
      ) : (
        <SkeletonList rows={2} />
      )}
    </View>
  )
}
