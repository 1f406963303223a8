// Which photo ids an order event may carry. A photo id is shown on the other party's phone when
// the order opens, so a free URL would make that phone fetch whatever the sender chose (a
// tracking beacon, another environment's files). Only files this product uploaded itself are
// accepted: on WeChat a cloud file id of the environment the function runs in, under
// ORDER_PHOTO_DIR (src/services/upload.ts uploads there); in the local cloud its stand-in's
// `local-file://` ids as well. Only roles whose forms offer photos may send them.
import type { ActorRole } from './order-types'

/** The folder every order photo is uploaded to (upload.ts) and the only one events take. */
export const ORDER_PHOTO_DIR = 'order-photos'

/**
 * The local cloud's environment id (tools/local-cloud sets it as TCB_ENV, so getWXContext().ENV
 * gives it): only there are the local file stand-in's ids real photos.
 */
export const LOCAL_CLOUD_ENV = 'local-dev'

/** Roles whose forms offer photos: the merchant's action form (src/merchant/pages/order). */
export const PHOTO_ROLES: readonly ActorRole[] = ['merchant']

/** Where a photo id is checked: in a function, which knows its environment; or on a phone,
 * which does not (a form, a page rendering stored photos), by its shape only. */
export type PhotoScope = { env: string } | 'shape'

const ENV_ID = /^[A-Za-z0-9-]{1,64}$/
const BUCKET = '[A-Za-z0-9-]{1,100}'
/** A file name upload.ts gives (base36 time, index, random) or one like it: no dots but one. */
const FILE_NAME = '[A-Za-z0-9_-]{1,100}\\.(?:jpg|jpeg|png|webp|gif)'
/** The local cloud's ids (tools/local-cloud/files.ts): a random UUID and an image extension. */
const LOCAL_FILE_ID =
  /^local-file:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(?:png|jpg|webp|gif)$/
/** A cloud file id under ORDER_PHOTO_DIR in the environments `env` (a pattern) matches. */
const cloudPhoto = (env: string) =>
  new RegExp(`^cloud://${env}\\.${BUCKET}/${ORDER_PHOTO_DIR}/${FILE_NAME}$`)
const ANY_ENV_PHOTO = cloudPhoto('[A-Za-z0-9-]{1,64}')

/** Whether `fileId` is an order photo this product uploaded, in `scope`. */
export function isOrderPhotoId(fileId: unknown, scope: PhotoScope): boolean {
  if (typeof fileId !== 'string' || fileId.length > 256) return false
  if (scope === 'shape') return ANY_ENV_PHOTO.test(fileId) || LOCAL_FILE_ID.test(fileId)
  const { env } = scope
  if (!ENV_ID.test(env)) return false
  if (env === LOCAL_CLOUD_ENV && LOCAL_FILE_ID.test(fileId)) return true
  return cloudPhoto(env).test(fileId)
}

/** Whether `role` may attach photos to an order event. */
export const mayAttachPhotos = (role: ActorRole): boolean => PHOTO_ROLES.includes(role)
