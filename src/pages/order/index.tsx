// Old address of SHOP_PAGES.order, kept for links already sent (see hooks/useMovedPage.ts).
import { useMovedPage } from '@/hooks/useMovedPage'
import { SHOP_PAGES } from '@/routes'

export default function MovedOrder() {
  useMovedPage(SHOP_PAGES.order)
  return null
}
