// A customer's photo folder, order-photos/<dir>/ (domain/photos.ts). Cloud storage cannot say who
// uploaded a file, so a customer's photos count as theirs only under a folder named from their
// OPENID; the name is computed only here, in a function, and the phone learns it from user.role.
// A hash, not the OPENID itself, because the folder shows in every photo id the shop sees.
import { createHash } from 'node:crypto'
import { isOrderPhotoId } from '../domain/photos'
import { currentEnv } from './context'

/** 'u' and the first 16 hex digits of sha256(openid): CUSTOMER_DIR's shape. */
export const photoDirOf = (openid: string): string =>
  `u${createHash('sha256').update(openid).digest('hex').slice(0, 16)}`

/** Whether every id is a photo the caller uploaded to their folder in this environment. */
export const areCallersPhotos = (photos: readonly string[], openid: string): boolean =>
  photos.every((id) => isOrderPhotoId(id, { env: currentEnv(), dir: photoDirOf(openid) }))

/** The refusal's message, the same for 申请售后 and 评价. */
export const FOREIGN_PHOTO_MESSAGE = '照片不是你上传的，请重新上传照片'
