// The id a sent message's page carries, and what an open of it does.
import { openedByPurpose } from '@/domain/dashboard'
import { orderPage } from '@/domain/message-drafts'
import { openVerdict, SENT_PAGE_MAX, sentPageOf } from '@/domain/message-opened'
import { OUTBOX_STATUSES } from '@/domain/messages'
import { refillPageOf } from '@/domain/refill-view'

const ID = 'msg_0123456789abcdef'

describe('sentPageOf', () => {
  test.each([
    [orderPage('o1'), `pages/order/index?id=o1&mid=${ID}`],
    [refillPageOf('prod_filter'), `pages/refills/index?productId=prod_filter&mid=${ID}`],
    ['pages/appointment/index', `pages/appointment/index?mid=${ID}`],
    // Already carrying an id, or no page (WeChat then opens nothing): unchanged.
    [`pages/order/index?id=o1&mid=${ID}`, `pages/order/index?id=o1&mid=${ID}`],
    ['', ''],
  ])('%s → %s', (page, sent) => {
    expect(sentPageOf(page, ID)).toBe(sent)
  })

  test('a page that would pass the bound goes without the id, never cut', () => {
    const base = 'pages/order/index?id='
    const fits = `${base}${'a'.repeat(SENT_PAGE_MAX - base.length - `&mid=${ID}`.length)}`
    expect(sentPageOf(fits, ID)).toBe(`${fits}&mid=${ID}`)
    expect(sentPageOf(fits, ID).length).toBe(SENT_PAGE_MAX)
    const long = `${fits}b`
    expect(sentPageOf(long, ID)).toBe(long)
  })
})

describe('openVerdict', () => {
  const row = (status: string, opened?: boolean) =>
    ({ toOpenid: 'o_owner', status, opened }) as Parameters<typeof openVerdict>[0]

  test('the recipient’s first open of a sent message counts; a repeat does not', () => {
    expect(openVerdict(row('sent'), 'o_owner')).toBe('count')
    expect(openVerdict(row('sent', false), 'o_owner')).toBe('count')
    expect(openVerdict(row('sent', true), 'o_owner')).toBe('already')
  })

  test('another’s or a missing message is not found, whatever its status', () => {
    expect(openVerdict(null, 'o_owner')).toBe('not_found')
    for (const status of OUTBOX_STATUSES)
      expect(openVerdict(row(status), 'o_stranger')).toBe('not_found')
  })

  test('a message WeChat did not confirm sending is ignored', () => {
    for (const status of OUTBOX_STATUSES.filter((s) => s !== 'sent'))
      expect(openVerdict(row(status), 'o_owner')).toBe('not_sent')
  })
})

test('opens per purpose list only purposes with something sent, in purpose order', () => {
  const sent = [4, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0]
  const opened = [1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]
  expect(openedByPurpose(sent, opened)).toEqual([
    { purpose: 'order_confirmed', sent: 4, opened: 1, openRate: 0.25 },
    { purpose: 'shipped', sent: 2, opened: 2, openRate: 1 },
    { purpose: 'refill_reminder', sent: 1, opened: 0, openRate: 0 },
  ])
})
