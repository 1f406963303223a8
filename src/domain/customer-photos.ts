// The photos a customer adds to 申请售后 and to a rating: up to CUSTOMER_PHOTOS_MAX, each once,
// each shaped like an order photo (photos.ts). Whose they are needs the caller's folder, which
// only the function knows (src/cloud/photo-dir.ts), so the function checks that after this.
import { isOrderPhotoId } from './photos'
import { invalid, valid, withDefault, type Check } from './validate'

export const CUSTOMER_PHOTOS_MAX = 6

const photoList: Check<string[]> = (value, path) => {
  if (!Array.isArray(value)) return invalid(path, '照片必须是列表')
  if (value.length > CUSTOMER_PHOTOS_MAX) return invalid(path, `照片最多 ${CUSTOMER_PHOTOS_MAX} 张`)
  if (!value.every((photo) => isOrderPhotoId(photo, 'shape')))
    return invalid(path, '照片地址不正确，请重新上传照片')
  if (new Set(value).size !== value.length) return invalid(path, '同一张照片只能添加一次')
  return valid(value as string[])
}

/** Left out, no photos. */
export const customerPhotosCheck = withDefault(photoList, [])
