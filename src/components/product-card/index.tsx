import { Image, Text, View } from '@tarojs/components'
import { PRODUCT_KIND_LABELS, type ProductSummary } from '@/domain/catalog'
import { formatFen } from '@/domain/money'
import './index.scss'

export interface ProductCardProps {
  product: ProductSummary
  onTap?: (productId: string) => void
}

export default function ProductCard({ product, onTap }: ProductCardProps) {
  return (
    <View
      className="product-card"
      hoverClass="product-card--pressed"
      data-id={product.id}
      onClick={() => onTap?.(product.id)}
    >
      {product.image ? (
        <Image className="product-card__image" src={product.image} mode="aspectFill" lazyLoad />
      ) : (
        <View
          className={`product-card__image product-card__placeholder product-card__placeholder--${product.kind}`}
        >
          <Text className="product-card__initial">{product.name.slice(0, 1)}</Text>
        </View>
      )}
      <View className="product-card__body">
        <View className="product-card__head">
          <Text className={`product-kind product-kind--${product.kind}`}>
            {PRODUCT_KIND_LABELS[product.kind]}
          </Text>
          <Text className="product-name">{product.name}</Text>
        </View>
        {product.batch && (
          <View className="batch-progress">
            <View className="batch-progress__bar">
              <View
                className="batch-progress__fill"
                style={{
                  width: `${Math.min(100, (product.batch.quantity / product.batch.minQuantity) * 100)}%`,
                }}
              />
            </View>
            <Text className="batch-progress__text">
              {product.batch.reached
                ? `已拼 ${product.batch.quantity} 件，本批已成团`
                : `已拼 ${product.batch.quantity}/${product.batch.minQuantity} 件，还差 ${product.batch.remaining} 件成团`}
            </Text>
          </View>
        )}
        <View className="product-card__foot">
          <Text className="product-price">
            {formatFen(product.priceFromFen)}
            <Text className="product-price__suffix"> 起</Text>
          </Text>
          <Text className="product-lead">约 {product.leadDays} 天完成</Text>
        </View>
      </View>
    </View>
  )
}
