// The local stand-in for cloud storage (Taro.cloud.uploadFile on WeChat), for photos merchants
// attach to order events in H5/local mode:
//   POST /cloud/files          raw image body, Content-Type image/png|jpeg|webp|gif,
//                              X-Local-Openid required -> {fileID: 'local-file://<name>', url}
//   GET  /cloud/files/<name>   the stored bytes
// Files live under LOCAL_CLOUD_FILES_DIR (default <project>/.local-cloud/files), named by a
// random UUID, so a name can neither be guessed nor escape the folder.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

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

export function saveFile(
  body: Buffer,
  contentType: string,
  openid: string | null,
  dir = FILES_DIR,
): FileAnswer {
  if (!openid) return { status: 401, error: 'X-Local-Openid is required' }
  const ext = TYPES[contentType.split(';')[0].trim().toLowerCase()]
  if (!ext) return { status: 415, error: `only ${Object.keys(TYPES).join(', ')}` }
  if (body.length === 0) return { status: 400, error: 'empty body' }
  if (body.length > MAX_FILE_BYTES)
    return { status: 413, error: `larger than ${MAX_FILE_BYTES} bytes` }
  mkdirSync(dir, { recursive: true })
  const name = `${randomUUID()}.${ext}`
  writeFileSync(join(dir, name), body)
  return { status: 200, json: { fileID: `local-file://${name}`, url: `/cloud/files/${name}` } }
}

export function readFile(
  name: string,
  dir = FILES_DIR,
): { body: Buffer; contentType: string } | null {
  const match = FILE_NAME.exec(name)
  if (!match || !existsSync(join(dir, name))) return null
  return { body: readFileSync(join(dir, name)), contentType: CONTENT_TYPES[match[1]] }
}
