// Range cursors for paged lists: "<sort value>|<_id>", so a page never repeats or skips rows
// when several share a sort value, and the database never walks a growing `skip`. The client
// echoes the previous page's `nextCursor` as it came.
import { isChinaDate } from './china-date'
import { integer, optional, type Check } from './validate'

export interface Cursor {
  value: string
  id: string
}

const CURSOR = /^([0-9A-Za-z:.+-]{1,40})\|([A-Za-z0-9_-]{1,64})$/

/** A cursor whose sort value `fits` the list's sort field: a well-shaped cursor with a value the
 * query cannot use (`abc|x` on a list sorted by time) is refused here, not by the database. */
const cursorCheckOf =
  (fits: (value: string) => boolean): Check<Cursor, string> =>
  (input, path) => {
    const match = typeof input === 'string' ? CURSOR.exec(input) : null
    return match && fits(match[1]!)
      ? { ok: true, value: { value: match[1]!, id: match[2]! } }
      : { ok: false, path, message: '分页参数不正确' }
  }

/** Any sort value (a list sorted by _id). */
export const cursorCheck = cursorCheckOf(() => true)
/** A list sorted by an instant (createdAt, deadAt): the value is an ISO time. */
export const instantCursorCheck = cursorCheckOf(
  (value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)),
)
/** A list sorted by a China date (eta). */
export const dateCursorCheck = cursorCheckOf(isChinaDate)

export function cursorOf(value: string, id: string): string {
  return `${value}|${id}`
}

/** The paging fields of a list action: a page of at most `maxLimit`, after `cursor`. */
export const pagingFields = (maxLimit: number, sortedBy: 'instant' | 'date') => ({
  limit: optional(integer({ label: '每页数量', min: 1, max: maxLimit })),
  cursor: optional(sortedBy === 'instant' ? instantCursorCheck : dateCursorCheck),
})
