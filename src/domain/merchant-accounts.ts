// Merchant accounts as merchants see them: OPENIDs are never shown whole.

/** The first 4 and last 4 characters: enough to tell accounts apart, not to reuse one. */
export function maskOpenid(openid: string): string {
  return openid.length <= 8
    ? `${openid.slice(0, 2)}****`
    : `${openid.slice(0, 4)}****${openid.slice(-4)}`
}

/** WeChat OPENIDs are 28 characters; the local cloud's demo ones are shorter. */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/
