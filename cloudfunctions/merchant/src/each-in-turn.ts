// A batch of the merchant's: one step per id, one after another, each in its own transaction, so
// each is checked on its own and a refusal (or a throw) stops only that one; the answer reports
// every id in the order sent. Used by actMany & co (act-each.ts) and decideAfterSalesMany.
import { ERROR_MESSAGES, type ErrorCode } from '@/domain/errors'
import type { ManyView } from '@/domain/merchant-views'

export async function eachInTurn<R extends { ok: boolean }>(
  ids: string[],
  step: (id: string) => Promise<R>,
  failed: (id: string, code: ErrorCode, message: string) => R,
  what: string,
): Promise<ManyView<R>> {
  const results: R[] = []
  for (const id of ids) {
    try {
      results.push(await step(id))
    } catch (error) {
      console.error(`[merchant] ${what} on ${id} failed`, error)
      results.push(failed(id, 'INTERNAL', ERROR_MESSAGES.INTERNAL))
    }
  }
  return summarize(results)
}

function summarize<R extends { ok: boolean }>(results: R[]): ManyView<R> {
  const applied = results.filter((r) => r.ok).length
  return { results, applied, failed: results.length - applied }
}
