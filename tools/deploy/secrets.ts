// Credentials come only from the environment and never reach the terminal: every line the
// deploy tools print goes through `redact`, because vendor errors may echo a request back.

export interface TencentCredentials {
  secretId: string
  secretKey: string
  token?: string
}

export interface MiniprogramCredentials {
  appid: string
  privateKeyPath: string
}

type Env = Record<string, string | undefined>

const missing = (name: string, what: string) =>
  new Error(`缺少环境变量 ${name}（${what}），见 README“部署到微信云开发”`)

export function tencentCredentials(env: Env): TencentCredentials {
  const secretId = env.TENCENTCLOUD_SECRETID
  const secretKey = env.TENCENTCLOUD_SECRETKEY
  if (!secretId) throw missing('TENCENTCLOUD_SECRETID', '腾讯云 API 密钥的 SecretId')
  if (!secretKey) throw missing('TENCENTCLOUD_SECRETKEY', '腾讯云 API 密钥的 SecretKey')
  return { secretId, secretKey, token: env.TENCENTCLOUD_SESSIONTOKEN || undefined }
}

export function miniprogramCredentials(env: Env): MiniprogramCredentials {
  const appid = env.MINIPROGRAM_APPID
  const privateKeyPath = env.MINIPROGRAM_PRIVATE_KEY_PATH
  if (!appid) throw missing('MINIPROGRAM_APPID', '小程序的 AppID')
  if (!privateKeyPath) throw missing('MINIPROGRAM_PRIVATE_KEY_PATH', '小程序代码上传密钥文件的路径')
  return { appid, privateKeyPath }
}

/** Values that must never be printed: the env's secrets (short values would mask noise). */
export function secretValues(env: Env, extra: string[] = []): string[] {
  const names = ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN']
  return [...names.map((name) => env[name] ?? ''), ...extra].filter((v) => v.length >= 6)
}

export function redact(text: string, secrets: string[]): string {
  let out = text
  for (const secret of secrets) out = out.split(secret).join('***')
  return out
}

/** Error text for the terminal: the vendor's code and message, redacted. */
export function errorText(error: unknown, secrets: string[]): string {
  const e = error as { code?: unknown; message?: unknown; requestId?: unknown }
  const parts = [
    e?.code ? `[${String(e.code)}]` : '',
    typeof e?.message === 'string' ? e.message : String(error),
    e?.requestId ? `(RequestId ${String(e.requestId)})` : '',
  ]
  return redact(parts.filter(Boolean).join(' '), secrets)
}

export type Print = (line: string) => void

/** A printer that redacts before writing. */
export const redactingPrinter =
  (write: (line: string) => void, secrets: string[]): Print =>
  (line) =>
    write(redact(line, secrets))
