// Photos for a merchant's note, a customer's 申请售后 or rating: pick from the album or camera,
// then store them where the order can reference them; the functions take only these
// (domain/photos.ts). The merchant's go straight under ORDER_PHOTO_DIR; a customer's under their
// own folder, ORDER_PHOTO_DIR/<dir>, whose name only the cloud computes (user.role's photoDir,
// asked once: caller-role.ts), since a function counts a customer's photo as theirs only there.
// weapp: chooseMedia + cloud.uploadFile, giving cloud file ids. H5 (local mode): the local
// cloud's stand-in, POST /cloud/files[?dir=], giving `local-file://` ids served back at
// /cloud/files/[<dir>/]<name>. Resolves to what was stored; a cancelled picker stores nothing.
import Taro from '@tarojs/taro'
import type { UploadedFile } from '@/domain/merchant-views'
import { ORDER_PHOTO_DIR } from '@/domain/photos'
import { fail, ok, type Result } from '@/domain/result'
import { askCallerRole } from './caller-role'
import { currentLocalOpenid } from './local-identity'

export { photoUrl } from './photo-url'

/** Whose folder: the merchant's order photos, or the caller's own as a customer. */
export type PhotoOwner = 'merchant' | 'customer'

const cloudPath = (folder: string, index: number) =>
  `${folder}/${Date.now().toString(36)}-${index}-${Math.random().toString(36).slice(2, 8)}.jpg`

const cancelled = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string })?.errMsg))

export async function choosePhotos(
  max: number,
  owner: PhotoOwner = 'merchant',
): Promise<Result<UploadedFile[]>> {
  if (max <= 0) return ok([])
  let dir: string | null = null
  if (owner === 'customer') {
    const role = await askCallerRole()
    if (!role.ok) return fail(role.code, role.message)
    dir = role.data.photoDir
  }
  try {
    return process.env.TARO_ENV === 'h5' ? await uploadLocal(max, dir) : await uploadWeapp(max, dir)
  } catch (error) {
    if (cancelled(error)) return ok([])
    console.error('[upload] 上传照片失败', error)
    return fail('NETWORK', '照片上传失败，请重试')
  }
}

async function uploadWeapp(max: number, dir: string | null): Promise<Result<UploadedFile[]>> {
  const picked = await Taro.chooseMedia({
    count: max,
    mediaType: ['image'],
    sizeType: ['compressed'],
  })
  const folder = dir ? `${ORDER_PHOTO_DIR}/${dir}` : ORDER_PHOTO_DIR
  const stored = await Promise.all(
    picked.tempFiles.map(async (file, index) => {
      const res = await Taro.cloud.uploadFile({
        cloudPath: cloudPath(folder, index),
        filePath: file.tempFilePath,
      })
      return { fileID: res.fileID, url: file.tempFilePath }
    }),
  )
  return ok(stored)
}

async function uploadLocal(max: number, dir: string | null): Promise<Result<UploadedFile[]>> {
  const picked = await Taro.chooseImage({ count: max, sizeType: ['compressed'] })
  const openid = await currentLocalOpenid()
  const query = dir ? `?dir=${encodeURIComponent(dir)}` : ''
  const stored: UploadedFile[] = []
  for (const path of picked.tempFilePaths) {
    const blob = await (await fetch(path)).blob()
    const res = await fetch(`${LOCAL_CLOUD_BASE}/files${query}`, {
      method: 'POST',
      headers: { 'Content-Type': blob.type || 'image/jpeg', 'X-Local-Openid': openid },
      body: blob,
    })
    if (!res.ok) return fail('NETWORK', `照片上传失败（HTTP ${res.status}）`)
    stored.push((await res.json()) as UploadedFile)
  }
  return ok(stored)
}
