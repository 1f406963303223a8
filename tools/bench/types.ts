// The contract between `npm run bench` (tools/bench/index.ts) and each benchmark module.
// A module exports `benchmark: Benchmark`; the runner gives it a fresh local cloud on
// PostgreSQL (store emptied, functions built) and writes the figures it returns to
// docs/benchmarks.md. Every figure carries its baseline, measured in the same run.
import type { LocalCloud } from '../local-cloud'

export interface BenchContext {
  /** A running local cloud on its own embedded PostgreSQL; the store is empty at the start. */
  cloud: LocalCloud
  /** Prints a progress line (not part of the results). */
  log(line: string): void
  /** Scales data sizes down for a quick run (`BENCH_QUICK=1`): 1 normally, e.g. 0.01 when quick. */
  scale: number
  /** The PostgreSQL server behind `cloud`, for a module that starts another cloud beside it. */
  databaseUrl: string
  /** Refreshes PostgreSQL's planner statistics after bulk seeding, as autovacuum soon would. */
  analyze(): Promise<void>
}

/** One measured figure next to its baseline, e.g. rows read indexed vs scanning. */
export interface BenchFigure {
  /** What is measured, e.g. "order.mine: rows read per call". */
  label: string
  value: number
  /** The naive or bare-framework figure, measured in the same run. */
  baseline: number
  /** Unit shared by value and baseline: "ms", "rows", "calls/s", "KB", "round trips". */
  unit: string
  /** What the baseline is, e.g. "scanning (push-down off)". */
  baselineLabel: string
  /** Why the figure is far from its baseline, when it is. */
  note?: string
}

export interface BenchResult {
  /** One paragraph: what was stored and what was called. */
  setup: string
  figures: BenchFigure[]
}

/** What a pure bench (domain code only, no cloud) gets. */
export type PureContext = Pick<BenchContext, 'log' | 'scale'>

export interface Benchmark {
  /** Short name used on the command line: `npm run bench -- <name>`. */
  name: string
  title: string
  /** Builds what the run needs (e.g. Taro builds), before its cloud starts. */
  prepare?(log: (line: string) => void): Promise<void>
  /** Overrides every function's timeout (ms), for a naive baseline that runs longer than they may. */
  functionTimeoutMs?: number
  /** Runs against a fresh local cloud (one of `run` and `runPure`). */
  run?(ctx: BenchContext): Promise<BenchResult>
  /** Runs pure domain code: no cloud or database is started for it. */
  runPure?(ctx: PureContext): Promise<BenchResult>
}
