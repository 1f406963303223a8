// Polling for what arrives asynchronously (a render, a database row), with a readable timeout.
export const WAIT_MS = 15_000

/** Resolves to the first truthy value `read` gives; fails after `timeoutMs` naming `what`. */
export async function waitUntil<T>(
  read: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`等待超时（${timeoutMs} ms）：${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Resolves to the value `read` gives once `want` accepts it. */
export async function waitForValue<T>(
  read: () => Promise<T>,
  want: (value: T) => boolean,
  what: string,
): Promise<T> {
  let last: T | undefined
  await waitUntil(async () => want((last = await read())), what)
  return last as T
}
