import { portIsFree } from './local-cloud/postgres'

/** Fails with an actionable message when a port we need is taken. */
export async function assertPortFree(port: number, envName: string): Promise<void> {
  if (await portIsFree(port)) return
  throw new Error(
    `端口 ${port} 已被占用（可能已有一个实例在运行）。请先停止它，或设置 ${envName} 换一个端口。`,
  )
}

/** Polls a URL until it answers 2xx, or fails after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} 在 ${Math.round(timeoutMs / 1000)} 秒内没有响应`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
