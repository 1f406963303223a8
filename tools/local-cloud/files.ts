// The local stand-in for cloud storage (Taro.cloud.uploadFile on WeChat), for order photos in
// H5/local mode: the merchant's directly in the store, a customer's in their folder (the
// order-photos/<dir>/ rule of src/domain/photos.ts; like WeChat, this does not check whose the
// folder is: the functions accept only the caller's):
//   POST /cloud/files[?dir=<dir>]  raw image body, Content-Type image/png|jpeg|webp|gif,
//                                  X-Local-Openid required
//                                  -> {fileID: 'local-file://[<dir>/]<name>', url}
//   GET  /cloud/files/[<dir>/]<name>   the stored bytes
// Files live under LOCAL_CLOUD_FILES_DIR (default <project>/.local-cloud/files), named by a
// random UUID; a folder must have CUSTOMER_DIR's shape, so no name can escape the store.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CUSTOMER_DIR } from '../../src/domain/photos'

export const MAX_FILE_BYTES = 5 * 1024 * 1024
export const FILES_DIR = resolve(
  process.env.LOCAL_CLOUD_FILES_DIR ?? join(__dirname, '..', '..', '.local-cloud', 'files'),
)

const TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
}
const CONTENT_TYPES = Object.fromEntries(Object.entries(TYPES).map(([type, ext]) => [ext, type]))
export const FILE_NAME =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|webp|gif)$/

export type FileAnswer =
  | { status: 200; json: { fileID: string; url: string } }
  | { status: 400 | 401 | 413 | 415; error: string }

/** Stores an image; `folder` (a customer's, or null for the merchant's) is where it goes. */
export function saveFile(
  body: Buffer,
  contentType: string,
  openid: string | null,
  folder: string | null = null,
  dir = FILES_DIR,
): FileAnswer {
  if (!openid) return { status: 401, error: 'X-Local-Openid is required' }
  if (folder !== null && !CUSTOMER_DIR.test(folder))
    return { status: 400, error: 'dir must be a photo folder from user.role' }
  const ext = TYPES[contentType.split(';')[0].trim().toLowerCase()]
  if (!ext) return { status: 415, error: `only ${Object.keys(TYPES).join(', ')}` }
  if (body.length === 0) return { status: 400, error: 'empty body' }
  if (body.length > MAX_FILE_BYTES)
    return { status: 413, error: `larger than ${MAX_FILE_BYTES} bytes` }
  const path = folder === null ? `${randomUUID()}.${ext}` : `${folder}/${randomUUID()}.${ext}`
  mkdirSync(folder === null ? dir : join(dir, folder), { recursive: true })
  writeFileSync(join(dir, path), body)
  return { status: 200, json: { fileID: `local-file://${path}`, url: `/cloud/files/${path}` } }
}

/** The file at `path` ('<name>' or '<dir>/<name>'), or null for anything else. */
export function readFile(
  path: string,
  dir = FILES_DIR,
): { body: Buffer; contentType: string } | null {
  const parts = path.split('/')
  const name = parts.pop() ?? ''
  if (parts.length > 1 || (parts.length === 1 && !CUSTOMER_DIR.test(parts[0]))) return null
  const match = FILE_NAME.exec(name)
  if (!match || !existsSync(join(dir, path))) return null
  return { body: readFileSync(join(dir, path)), contentType: CONTENT_TYPES[match[1]] }
}
