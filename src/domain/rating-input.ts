// What the rating form sends and the order function checks: one to five stars per aspect, an
// optional text and photos (whose they are, the function checks: src/cloud/photo-dir.ts). Apart from rating.ts and used by no other package, so only the service
// subpackage (and the order function) carry it.
import { customerPhotosCheck } from './customer-photos'
import { RATING_TEXT_MAX } from './rating'
import { RATING_STARS } from './rating-view'
import { id, integer, object, optional, string } from './validate'

const stars = (label: string) => integer({ label, min: 1, max: RATING_STARS })

/** Create or change: the whole rating each time (a text left out clears it). */
export const rateOrderCheck = object({
  orderId: id('订单'),
  quality: stars('质量评分'),
  // Only for products made to measure; the function checks it against the order.
  fit: optional(stars('合身评分')),
  onTime: stars('准时评分'),
  text: optional(string({ label: '评价内容', min: 0, max: RATING_TEXT_MAX })),
  /** Left out, none: a change replaces the earlier photos like the text. */
  photos: customerPhotosCheck,
})
