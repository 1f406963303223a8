// A sent message's page carries its outbox id (`mid`), so opening it can be counted once:
// added at send time (the stored page stays as drafted; only what WeChat shows carries it), and
// judged here for message.opened — the recipient's sent row counts on its first open only.
import type { OutboxRecord } from './message-drafts'

/** The query parameter naming the message a page was opened from. */
export const MESSAGE_ID_PARAM = 'mid'

/**
 * Our bound on a sent page. WeChat documents no length for subscribeMessage.send's `page`; our
 * pages are far shorter, and a page that would pass this goes without the id rather than broken.
 */
export const SENT_PAGE_MAX = 512

/** The page WeChat is asked to open: the draft's page plus `mid=<row id>`. */
export function sentPageOf(page: string, messageId: string): string {
  if (!page || new RegExp(`[?&]${MESSAGE_ID_PARAM}=`).test(page)) return page
  const withId = `${page}${page.includes('?') ? '&' : '?'}${MESSAGE_ID_PARAM}=${messageId}`
  return withId.length <= SENT_PAGE_MAX ? withId : page
}

export type OpenVerdict = 'not_found' | 'not_sent' | 'already' | 'count'

/**
 * What an open of `row` by `openid` does: another's or a missing row is NOT_FOUND (nothing
 * revealed); a row WeChat did not confirm sending (held, pending, dead…) is ignored; a second
 * open changes nothing; the first open of a sent row is counted.
 */
export function openVerdict(
  row: Pick<OutboxRecord, 'toOpenid' | 'status' | 'opened'> | null,
  openid: string,
): OpenVerdict {
  if (!row || row.toOpenid !== openid) return 'not_found'
  if (row.status !== 'sent') return 'not_sent'
  return row.opened ? 'already' : 'count'
}
