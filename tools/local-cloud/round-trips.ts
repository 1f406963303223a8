// Database round trips per invocation, counted by the server as the SDK's calls arrive: the total,
// and the critical path — calls that must wait for one another. A call that arrives while another
// of the same invocation is still in flight joins its wave (Promise.all), so waves count once.

export interface RoundTrips {
  /** Every database call the invocation made. */
  roundTrips: number
  /** Waves of calls: the ones a cloud function waits for one after another. */
  criticalPath: number
  /** Each call in order, as "wave action collection", to say which are needed. */
  calls: string[]
}

interface Tally {
  total: number
  waves: number
  inFlight: number
  calls: string[]
}

export class RoundTripCounter {
  private readonly tallies = new Map<string, Tally>()

  open(requestID: string): void {
    this.tallies.set(requestID, { total: 0, waves: 0, inFlight: 0, calls: [] })
  }

  /** A call begins; returns what to call once its answer is sent (or its socket dropped). */
  begin(requestID: string | undefined, label: string): () => void {
    const tally = requestID === undefined ? undefined : this.tallies.get(requestID)
    if (!tally) return () => undefined
    tally.total += 1
    if (tally.inFlight === 0) tally.waves += 1
    tally.inFlight += 1
    tally.calls.push(`${tally.waves} ${label}`)
    let ended = false
    return () => {
      if (!ended) tally.inFlight -= 1
      ended = true
    }
  }

  close(requestID: string): RoundTrips {
    const tally = this.tallies.get(requestID)
    this.tallies.delete(requestID)
    return {
      roundTrips: tally?.total ?? 0,
      criticalPath: tally?.waves ?? 0,
      calls: tally?.calls ?? [],
    }
  }
}
