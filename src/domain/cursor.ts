// Range cursors for paged lists: "<sort value>|<_id>", so a page never repeats or skips rows
// when several share a sort value, and the database never walks a growing `skip`. The client
// echoes the previous page's `nextCursor` as it came.
import { integer, optional, type Check } from './validate'

export interface Cursor {
  value: string
  id: string
}

const CURSOR = /^([0-9A-Za-z:.+-]{1,40})\|([A-Za-z0-9_-]{1,64})$/

export const cursorCheck: Check<Cursor, string> = (input, path) => {
  const match = typeof input === 'string' ? CURSOR.exec(input) : null
  return match
    ? { ok: true, value: { value: match[1], id: match[2] } }
    : { ok: false, path, message: '分页参数不正确' }
}

export function cursorOf(value: string, id: string): string {
  return `${value}|${id}`
}

/** The paging fields of a list action: a page of at most `maxLimit`, after `cursor`. */
export const pagingFields = (maxLimit: number) => ({
  limit: optional(integer({ label: '每页数量', min: 1, max: maxLimit })),
  cursor: optional(cursorCheck),
})
