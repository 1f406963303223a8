// Database round trips per invocation, counted by the server as the SDK's calls arrive: the total,
// and the critical path — the longest chain of calls each made after the one before it answered.
// The function's worker (worker.js) stamps each request with its step on that chain as the
// function saw it (STEP_HEADER): calls made together (Promise.all) are all made before any answer
// arrives, so they share a step however late each reaches the server. A call without the stamp
// (an SDK outside a worker) takes one more than the longest chain answered so far. Any request
// the function makes lengthens the chain (a WeChat API call between two database calls too).

export const STEP_HEADER = 'x-local-cloud-step'

export interface RoundTrips {
  /** Every database call the invocation made. */
  roundTrips: number
  /** The longest chain of calls, each made after the previous one answered. */
  criticalPath: number
  /** Each call in order, as "step action collection" (step: its place in the longest chain). */
  calls: string[]
}

interface Tally {
  total: number
  /** The longest chain so far, and the longest that has answered (what a new call follows). */
  longest: number
  answered: number
  calls: string[]
}

export class RoundTripCounter {
  private readonly tallies = new Map<string, Tally>()

  open(requestID: string): void {
    this.tallies.set(requestID, { total: 0, longest: 0, answered: 0, calls: [] })
  }

  /** A call begins; returns what to call once its answer is sent (or its socket dropped). */
  begin(requestID: string | undefined, label: string, stamped?: number): () => void {
    const tally = requestID === undefined ? undefined : this.tallies.get(requestID)
    if (!tally) return () => undefined
    tally.total += 1
    const step = stamped ?? tally.answered + 1
    tally.longest = Math.max(tally.longest, step)
    tally.calls.push(`${step} ${label}`)
    return () => {
      tally.answered = Math.max(tally.answered, step)
    }
  }

  close(requestID: string): RoundTrips {
    const tally = this.tallies.get(requestID)
    this.tallies.delete(requestID)
    return {
      roundTrips: tally?.total ?? 0,
      criticalPath: tally?.longest ?? 0,
      calls: tally?.calls ?? [],
    }
  }
}
