import type { QueryResult } from 'pg'

/** A pg Pool or a checked-out client: anything that runs one SQL statement. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<QueryResult>
}

export type Doc = Record<string, unknown> & { _id?: unknown }

export interface FindOptions {
  query?: unknown
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Record<string, unknown>
}

export interface ModifyOptions {
  query: unknown
  /** An update document with operators ($set, $inc, …), or a replacement when `replace`. */
  data: Record<string, unknown>
  replace: boolean
  multi: boolean
  upsert: boolean
}
