// Old address of SHOP_PAGES.refills, kept for links already sent (see hooks/useMovedPage.ts).
import { useMovedPage } from '@/hooks/useMovedPage'
import { SHOP_PAGES } from '@/routes'

export default function MovedRefills() {
  useMovedPage(SHOP_PAGES.refills)
  return null
}
