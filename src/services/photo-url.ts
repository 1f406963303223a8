// What an <Image> can show for a stored photo id: a cloud file id as it is (WeChat resolves it),
// a local stand-in id as its URL on the local cloud (tools/local-cloud/files.ts). Apart from
// upload.ts so the pages that only show photos do not carry the picker.

export function photoUrl(fileID: string): string {
  const local = /^local-file:\/\/(.+)$/.exec(fileID)
  return local ? `${LOCAL_CLOUD_BASE}/files/${local[1]}` : fileID
}
