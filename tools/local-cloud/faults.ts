// Fault injection for the /admin database protocol, so tests can prove nothing is lost when the
// database misbehaves. Per database call, with a seeded random draw:
//   fail     the call is refused with DATABASE_REQUEST_FAILED (nothing done); inside a
//            transaction the transaction is aborted too, as the real service does;
//   timeout  the call IS carried out, then the connection is dropped before the answer: the
//            SDK sees a network error although the write happened (the harshest case for retries).
// Off by default; `LocalCloud.faults.set({...})` or POST /cloud/faults turns it on.

export interface FaultSettings {
  /** 0..1: share of database calls refused. */
  dbFailRate: number
  /** 0..1: share of database calls whose answer is lost after they ran. */
  dbTimeoutRate: number
  /** Same seed, same sequence of decisions. */
  seed?: number
}

export type FaultDecision = 'fail' | 'timeout' | null

export interface FaultStats {
  calls: number
  failed: number
  timedOut: number
}

/** mulberry32: small, fast, good enough to spread faults evenly. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Faults {
  private settings: FaultSettings = { dbFailRate: 0, dbTimeoutRate: 0 }
  private next: () => number = random(1)
  readonly stats: FaultStats = { calls: 0, failed: 0, timedOut: 0 }

  set(settings: FaultSettings): void {
    const rate = (value: unknown) => typeof value === 'number' && value >= 0 && value <= 1
    if (!rate(settings.dbFailRate) || !rate(settings.dbTimeoutRate))
      throw new Error('dbFailRate and dbTimeoutRate must be numbers in 0..1')
    this.settings = { ...settings }
    this.next = random(settings.seed ?? 1)
    Object.assign(this.stats, { calls: 0, failed: 0, timedOut: 0 })
  }

  off(): void {
    this.settings = { dbFailRate: 0, dbTimeoutRate: 0 }
  }

  get active(): boolean {
    return this.settings.dbFailRate > 0 || this.settings.dbTimeoutRate > 0
  }

  /** The fate of one database call. */
  decide(): FaultDecision {
    if (!this.active) return null
    this.stats.calls += 1
    const draw = this.next()
    if (draw < this.settings.dbFailRate) {
      this.stats.failed += 1
      return 'fail'
    }
    if (draw < this.settings.dbFailRate + this.settings.dbTimeoutRate) {
      this.stats.timedOut += 1
      return 'timeout'
    }
    return null
  }
}
