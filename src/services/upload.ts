// Photos for a merchant's note: pick from the album or camera, then store them where the order
// can reference them; order.act takes only these (domain/photos.ts). weapp: chooseMedia +
// cloud.uploadFile under ORDER_PHOTO_DIR, giving cloud file ids. H5 (local mode): the local
// cloud's stand-in, POST /cloud/files, giving `local-file://` ids served back at
// /cloud/files/<name>. Resolves to what was stored; a cancelled picker stores nothing.
import Taro from '@tarojs/taro'
import type { UploadedFile } from '@/domain/merchant-views'
import { ORDER_PHOTO_DIR } from '@/domain/photos'
import { fail, ok, type Result } from '@/domain/result'
import { currentLocalOpenid } from './local-identity'

const cloudPath = (index: number) =>
  `${ORDER_PHOTO_DIR}/${Date.now().toString(36)}-${index}-${Math.random().toString(36).slice(2, 8)}.jpg`

const cancelled = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string })?.errMsg))

export async function choosePhotos(max: number): Promise<Result<UploadedFile[]>> {
  if (max <= 0) return ok([])
  try {
    return process.env.TARO_ENV === 'h5' ? await uploadLocal(max) : await uploadWeapp(max)
  } catch (error) {
    if (cancelled(error)) return ok([])
    console.error('[upload] 上传照片失败', error)
    return fail('NETWORK', '照片上传失败，请重试')
  }
}

async function uploadWeapp(max: number): Promise<Result<UploadedFile[]>> {
  const picked = await Taro.chooseMedia({
    count: max,
    mediaType: ['image'],
    sizeType: ['compressed'],
  })
  const stored = await Promise.all(
    picked.tempFiles.map(async (file, index) => {
      const res = await Taro.cloud.uploadFile({
        cloudPath: cloudPath(index),
        filePath: file.tempFilePath,
      })
      return { fileID: res.fileID, url: file.tempFilePath }
    }),
  )
  return ok(stored)
}

async function uploadLocal(max: number): Promise<Result<UploadedFile[]>> {
  const picked = await Taro.chooseImage({ count: max, sizeType: ['compressed'] })
  const openid = await currentLocalOpenid()
  const stored: UploadedFile[] = []
  for (const path of picked.tempFilePaths) {
    const blob = await (await fetch(path)).blob()
    const res = await fetch(`${LOCAL_CLOUD_BASE}/files`, {
      method: 'POST',
      headers: { 'Content-Type': blob.type || 'image/jpeg', 'X-Local-Openid': openid },
      body: blob,
    })
    if (!res.ok) return fail('NETWORK', `照片上传失败（HTTP ${res.status}）`)
    stored.push((await res.json()) as UploadedFile)
  }
  return ok(stored)
}

/** What an <Image> can show for a stored photo id. */
export function photoUrl(fileID: string): string {
  const local = /^local-file:\/\/(.+)$/.exec(fileID)
  return local ? `${LOCAL_CLOUD_BASE}/files/${local[1]}` : fileID
}
