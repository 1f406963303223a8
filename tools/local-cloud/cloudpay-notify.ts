// Delivery of the cloud payment stand-in's notices (pay result, refund result) to the cloud
// function named at unifiedOrder/refund, the way cloud payment does it: the notice is the event,
// and the function must answer { errcode: 0 } or it is called again on a retry schedule (WeChat
// retries for up to two days, 15s/15s/30s/3m/10m/…; locally a short, configurable schedule).
// A missing or throwing function is logged and retried like a non-zero errcode.

export interface Notice {
  kind: 'pay' | 'refund'
  /** outTradeNo (pay) or outRefundNo (refund). */
  key: string
  fn: string
  event: Record<string, unknown>
  /** Wait before the first delivery (script 'delayed'). */
  delayMs?: number
  /** Deliver again after an errcode 0, this many deliveries in all (script 'repeated'). */
  times?: number
}

export interface DeliveryRecord {
  kind: 'pay' | 'refund'
  key: string
  fn: string
  /** 1 for the first call of this notice. */
  attempt: number
  at: string
  /** What the function answered, or the error it failed with. */
  answer?: unknown
  error?: string
}

/** Local default: quick enough for `npm start`, still visibly a retry. */
export const DEFAULT_RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 30_000, 60_000, 180_000, 600_000]

export class Notifier {
  retryDelaysMs: number[] = DEFAULT_RETRY_DELAYS_MS
  readonly log: DeliveryRecord[] = []
  private readonly running = new Set<Promise<void>>()
  private readonly timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>()
  private stopped = false

  constructor(
    private readonly invoke: (fn: string, event: unknown) => Promise<unknown>,
    private readonly done: (notice: Notice, acknowledged: boolean) => Promise<void>,
    private readonly logLine: (line: string) => void,
  ) {}

  send(notice: Notice): void {
    const run = this.deliver(notice).catch((error: unknown) =>
      this.logLine(`cloudPay notice ${notice.key} stopped: ${String(error)}`),
    )
    this.running.add(run)
    void run.finally(() => this.running.delete(run))
  }

  /** Resolves once no notice is waiting or being delivered (including ones sent meanwhile). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running])
  }

  stop(): void {
    this.stopped = true
    for (const entry of this.timers) {
      clearTimeout(entry.timer)
      entry.wake()
    }
    this.timers.clear()
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      const entry = { timer: setTimeout(() => (this.timers.delete(entry), wake()), ms), wake }
      this.timers.add(entry)
    })
  }

  private async deliver(notice: Notice): Promise<void> {
    if (notice.delayMs) await this.sleep(notice.delayMs)
    const wanted = Math.max(1, notice.times ?? 1)
    let acknowledged = 0
    let failures = 0
    let attempt = 0
    while (acknowledged < wanted && !this.stopped) {
      attempt += 1
      const record: DeliveryRecord = {
        kind: notice.kind,
        key: notice.key,
        fn: notice.fn,
        attempt,
        at: new Date().toISOString(),
      }
      this.log.push(record)
      try {
        record.answer = await this.invoke(notice.fn, notice.event)
        const errcode = (record.answer as { errcode?: unknown } | null)?.errcode
        if (errcode === 0) {
          acknowledged += 1
          continue
        }
        this.logLine(`cloudPay notice ${notice.key} -> ${notice.fn}: answered without errcode 0`)
      } catch (error) {
        record.error = (error as { errMsg?: string })?.errMsg ?? String(error)
        this.logLine(`cloudPay notice ${notice.key} -> ${notice.fn} failed: ${record.error}`)
      }
      if (failures >= this.retryDelaysMs.length) {
        this.logLine(`cloudPay notice ${notice.key}: gave up after ${attempt} calls`)
        break
      }
      await this.sleep(this.retryDelaysMs[failures])
      failures += 1
    }
    if (!this.stopped) await this.done(notice, acknowledged > 0)
  }
}
