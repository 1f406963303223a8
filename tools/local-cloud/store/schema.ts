// Tables of the local cloud inside its PostgreSQL database.
//   local_collections  one row per collection (db.createCollection / store.ensureCollection)
//   local_documents    one JSONB row per document, keyed (collection, id); `id` is JSON text of
//                      _id so string and number ids stay distinct; `seq` keeps insertion order
//   local_inbox        every subscribeMessage.send the functions made, with the errcode answered
//   local_cs_inbox     every customerServiceMessage.send (../customer-service.ts)
//   local_cs_sessions  when each customer last wrote in the 客服 chat (the 48-hour window)
//   local_pay_trades   the cloud payment stand-in's trades (../cloudpay.ts), kept across restarts
//   local_pay_refunds  its refunds
import { ensureIndexes, irregularAny, irregularPaths, type IndexFile } from '../indexes'
import { leadingPairs, probeStringOrder, pushDown } from './query-sql'
import type { Queryable } from './types'

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS local_collections (
  name text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS local_documents (
  collection text NOT NULL REFERENCES local_collections(name) ON DELETE CASCADE,
  id text NOT NULL,
  seq bigserial,
  data jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);
CREATE INDEX IF NOT EXISTS local_documents_data_gin ON local_documents USING gin (data jsonb_path_ops);
CREATE INDEX IF NOT EXISTS local_documents_seq ON local_documents (collection, seq);
CREATE INDEX IF NOT EXISTS local_documents_openid ON local_documents (collection, (data -> '_openid'));
CREATE TABLE IF NOT EXISTS local_inbox (
  seq bigserial PRIMARY KEY,
  message jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS local_cs_inbox (
  seq bigserial PRIMARY KEY,
  message jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS local_cs_sessions (
  openid text PRIMARY KEY,
  last_message_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS local_pay_trades (
  out_trade_no text PRIMARY KEY,
  seq bigserial,
  trade jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS local_pay_refunds (
  out_refund_no text PRIMARY KEY,
  seq bigserial,
  refund jsonb NOT NULL
);
`

/** Creates the tables and the indexes of database/indexes.json (each partial, per collection). */
export async function ensureSchema(db: Queryable, indexes: IndexFile = {}): Promise<void> {
  // Serialise concurrent first starts against the same database.
  await db.query('SELECT pg_advisory_lock(7301001)')
  try {
    await db.query(SCHEMA_SQL)
    await ensureIndexes(db, indexes)
    pushDown.split = new Map(
      [...irregularPaths(indexes)].map(([collection, paths]) => [
        collection,
        {
          fields: new Set(paths.filter((p) => p !== '_id')),
          rows: irregularAny(paths),
          pairs: leadingPairs(indexes[collection] ?? []),
        },
      ]),
    )
    await probeStringOrder(db)
  } finally {
    await db.query('SELECT pg_advisory_unlock(7301001)')
  }
}

/** Drops all data (collections, documents, inbox) but keeps the schema. */
export async function resetData(db: Queryable): Promise<void> {
  await db.query(`TRUNCATE local_documents, local_collections, local_inbox, local_cs_inbox, local_cs_sessions,
       local_pay_trades, local_pay_refunds
       RESTART IDENTITY`)
}
