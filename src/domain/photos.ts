// Which photo ids an order event may carry. A photo id is shown on the other party's phone when
// the order opens, so a free URL would make that phone fetch whatever the sender chose (a
// tracking beacon, another environment's files). Only files this product uploaded itself are
// accepted: on WeChat a cloud file id of the environment the function runs in, under
// ORDER_PHOTO_DIR (src/services/upload.ts uploads there); in the local cloud its stand-in's
// `local-file://` ids as well. Only roles whose forms offer photos may send them.
// A customer's photos (申请售后, 评价) go one folder deeper, order-photos/<dir>/, where <dir> is
// named by the cloud from the caller's OPENID (src/cloud/photo-dir.ts): storage cannot say who
// uploaded a file, so "the caller's upload" means "under the caller's folder". The merchant's
// stay directly under order-photos/.
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

/** Where a photo id is checked: in a function, which knows its environment (and, for a
 * customer's photos, the caller's folder: only photos under it); or on a phone, which does not
 * (a form, a page rendering stored photos), by its shape only, either folder. */
export type PhotoScope = { env: string; dir?: string } | 'shape'

/** A customer's folder as src/cloud/photo-dir.ts names it: 'u' and 16 hex digits. */
export const CUSTOMER_DIR = /^u[0-9a-f]{16}$/
const DIR = CUSTOMER_DIR.source.slice(1, -1)

const ENV_ID = /^[A-Za-z0-9-]{1,64}$/
const BUCKET = '[A-Za-z0-9-]{1,100}'
/** A file name upload.ts gives (base36 time, index, random) or one like it: no dots but one. */
const FILE_NAME = '[A-Za-z0-9_-]{1,100}\\.(?:jpg|jpeg|png|webp|gif)'
const UUID_NAME =
  '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(?:png|jpg|webp|gif)'
/** The local cloud's ids (tools/local-cloud/files.ts): `<dir>/` (a folder pattern, or ''), a
 * random UUID and an image extension. */
const localPhoto = (dir: string) => new RegExp(`^local-file://${dir}${UUID_NAME}$`)
/** A cloud file id under ORDER_PHOTO_DIR/`dir` in the environments `env` (patterns) matches. */
const cloudPhoto = (env: string, dir: string) =>
  new RegExp(`^cloud://${env}\\.${BUCKET}/${ORDER_PHOTO_DIR}/${dir}${FILE_NAME}$`)
const EITHER_FOLDER = `(?:${DIR}/)?`
const SHAPES = [cloudPhoto('[A-Za-z0-9-]{1,64}', EITHER_FOLDER), localPhoto(EITHER_FOLDER)]

/** Whether `fileId` is an order photo this product uploaded, in `scope`: with a `dir`, only one
 * under that customer's folder; without, only the merchant's (directly under ORDER_PHOTO_DIR). */
export function isOrderPhotoId(fileId: unknown, scope: PhotoScope): boolean {
  if (typeof fileId !== 'string' || fileId.length > 256) return false
  if (scope === 'shape') return SHAPES.some((shape) => shape.test(fileId))
  const { env, dir } = scope
  if (!ENV_ID.test(env) || (dir !== undefined && !CUSTOMER_DIR.test(dir))) return false
  const folder = dir === undefined ? '' : `${dir}/`
  if (env === LOCAL_CLOUD_ENV && localPhoto(folder).test(fileId)) return true
  return cloudPhoto(env, folder).test(fileId)
}

/** Whether `role` may attach photos to an order event. */
export const mayAttachPhotos = (role: ActorRole): boolean => PHOTO_ROLES.includes(role)
