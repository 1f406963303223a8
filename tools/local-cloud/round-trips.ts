// Database round trips per invocation, counted by the server as the SDK's calls arrive: the total,
// and the critical path — the longest chain of calls each made after the one before it answered.
// Calls made together (Promise.all) count once: for a traced invocation each answer is held back a
// little (HOLD_MS), so that calls the SDK sends a moment apart still all arrive before any answer.

export interface RoundTrips {
  /** Every database call the invocation made. */
  roundTrips: number
  /** The longest chain of calls, each made after the previous one answered. */
  criticalPath: number
  /** Each call in order, as "step action collection" (step: its place in the longest chain). */
  calls: string[]
}

/**
 * Longer than the SDK takes between sending calls made together: a few ms, but a call that opens
 * a new connection waits for it, longer on a loaded machine.
 */
export const HOLD_MS = 50

interface Tally {
  traced: boolean
  total: number
  /** The longest chain so far, and the longest that has answered (what a new call follows). */
  longest: number
  answered: number
  calls: string[]
}

export class RoundTripCounter {
  private readonly tallies = new Map<string, Tally>()

  open(requestID: string, traced: boolean): void {
    this.tallies.set(requestID, { traced, total: 0, longest: 0, answered: 0, calls: [] })
  }

  /**
   * A call begins. Returns how long to hold its answer back, and what to call once the answer is
   * sent (or its socket dropped).
   */
  begin(requestID: string | undefined, label: string): { holdMs: number; answered: () => void } {
    const tally = requestID === undefined ? undefined : this.tallies.get(requestID)
    if (!tally) return { holdMs: 0, answered: () => undefined }
    tally.total += 1
    const step = tally.answered + 1
    tally.longest = Math.max(tally.longest, step)
    tally.calls.push(`${step} ${label}`)
    return {
      holdMs: tally.traced ? HOLD_MS : 0,
      answered: () => {
        tally.answered = Math.max(tally.answered, step)
      },
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
