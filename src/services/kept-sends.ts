// Writes kept on the phone until the server settles them (issue 18: a staff report from a
// basement with one bar of signal). Each is stored under its own id before the first attempt and
// dropped only on a final answer (ok, or a refusal sending again would not change); NETWORK,
// INTERNAL and CONFLICT keep it for the next flush. The id goes to the server as the write's
// idempotency key, so a report whose answer was lost is applied once however often it is sent.
import { isFinalAnswer, type Fail, type Result } from '@/domain/result'
import { readPersonal, writePersonal } from './personal-storage'

export interface KeptSend<T> {
  id: string
  payload: T
  keptAt: number
}

export interface FlushOutcome {
  sent: number
  kept: number
  /** Final refusals: dropped from the phone, shown to the person who wrote them. */
  refused: (Fail & { id: string })[]
}

export function keptSends<T>(name: string) {
  const key = `kept.${name}`
  const read = async () => {
    const stored = await readPersonal(key)
    return Array.isArray(stored) ? (stored as KeptSend<T>[]) : []
  }
  let flushing: Promise<FlushOutcome> | null = null

  return {
    list: read,
    /** Stores the write (replacing one with the same id) before anything is sent. */
    async keep(id: string, payload: T): Promise<void> {
      const others = (await read()).filter((kept) => kept.id !== id)
      await writePersonal(key, [...others, { id, payload, keptAt: Date.now() }])
    },
    /** Sends every kept write in the order kept; one flush at a time. */
    flush(send: (kept: KeptSend<T>) => Promise<Result<unknown>>): Promise<FlushOutcome> {
      flushing ??= (async () => {
        const outcome: FlushOutcome = { sent: 0, kept: 0, refused: [] }
        const settled = new Set<string>()
        for (const kept of await read()) {
          const answer = await send(kept)
          if (!isFinalAnswer(answer)) {
            outcome.kept += 1
            continue
          }
          settled.add(kept.id)
          if (answer.ok) outcome.sent += 1
          else outcome.refused.push({ ...answer, id: kept.id })
        }
        // Re-read: a write kept while this flush ran stays.
        const left = (await read()).filter((kept) => !settled.has(kept.id))
        await writePersonal(key, left)
        return outcome
      })().finally(() => {
        flushing = null
      })
      return flushing
    },
  }
}
