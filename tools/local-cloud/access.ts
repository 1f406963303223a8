// Who may talk to the local cloud (issue 23). It listens on 127.0.0.1 only, but every web page the
// developer opens can send requests there, so:
//   - the Host header must name this machine: a DNS-rebound name (evil.example -> 127.0.0.1) is
//     refused, so no page can read answers through it;
//   - a request carrying an Origin (browsers always send one cross-origin) must come from the H5
//     app: the dev server's origin or the local cloud's own (the built app it serves);
//   - everything but the H5 app's own calls needs the per-run secret (`LocalCloud.secret`), sent
//     as the X-Local-Cloud-Secret header or a `secret` query parameter (the inbox URL `npm start`
//     prints); the function workers' SDK carries it in its session token (runner.ts);
//   - JSON bodies must be sent as application/json, which no page can send cross-site without a
//     preflight, so no "simple" request (text/plain, forms) reaches a handler.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const SECRET_HEADER = 'x-local-cloud-secret'

export function newSecret(): string {
  return randomBytes(24).toString('hex')
}

const LOCAL_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]']

/** Host header names 127.0.0.1, localhost or [::1] (any port). */
export function isLocalHost(host: string | undefined): boolean {
  if (!host) return false
  try {
    return LOCAL_HOSTNAMES.includes(new URL(`http://${host}`).hostname)
  } catch {
    return false
  }
}

/** The origins a page served on `port` of this machine has. */
export function localOrigins(port: number): string[] {
  return LOCAL_HOSTNAMES.map((host) => `http://${host}:${port}`)
}

/** Constant-time comparison, so the secret cannot be guessed a character at a time. */
export function isSecret(candidate: unknown, secret: string): boolean {
  if (typeof candidate !== 'string') return false
  const a = Buffer.from(candidate)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The request presents the secret (header, or `?secret=` for a URL opened in a browser). */
export function presentsSecret(req: IncomingMessage, url: URL, secret: string): boolean {
  return (
    isSecret(req.headers[SECRET_HEADER], secret) || isSecret(url.searchParams.get('secret'), secret)
  )
}

/**
 * The session token a function's SDK forwards on /admin calls: `local:<fn>:<requestID>:<secret>`
 * (runner.ts). Without the secret it names no caller.
 */
export function parseSessionToken(
  token: unknown,
  secret: string,
): { fn: string; requestID: string } | undefined {
  const match = typeof token === 'string' ? /^local:([^:]+):([^:]+):(.+)$/.exec(token) : null
  return match && isSecret(match[3], secret) ? { fn: match[1], requestID: match[2] } : undefined
}

export function isJson(req: IncomingMessage): boolean {
  return /^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''))
}
