// Photo ids as the local cloud's file stand-in gives them (tools/local-cloud/files.ts): a
// customer's under the folder the cloud names from their OPENID, the merchant's without one.
// Functions check ids, not files, so these need no upload.
import { randomUUID } from 'node:crypto'
import { photoDirOf } from '@/cloud/photo-dir'

/** `count` distinct photo ids in `openid`'s folder. */
export const customerPhotos = (openid: string, count = 1): string[] =>
  Array.from({ length: count }, () => `local-file://${photoDirOf(openid)}/${randomUUID()}.jpg`)

/** A photo id of the merchant's kind (no folder). */
export const merchantPhoto = (): string => `local-file://${randomUUID()}.png`
