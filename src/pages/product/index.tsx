// Old address of SHOP_PAGES.product, kept for links already sent (see hooks/useMovedPage.ts).
import { useMovedPage } from '@/hooks/useMovedPage'
import { SHOP_PAGES } from '@/routes'

export default function MovedProduct() {
  useMovedPage(SHOP_PAGES.product)
  return null
}
