// `npm run bench`: what a call through the local cloud costs. Figures, not a test: each line
// shows the measured value next to a baseline taken in the same run, because this machine is
// noisy and ratios travel better than milliseconds.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '../../src/domain/names'
import { buildCloudFunctions, FUNCTIONS_ROOT } from '../build-cloudfunctions'
import { startLocalCloud, startPostgres } from '../local-cloud'
import { DEMO_USERS, seedDemo } from '../seed/demo'

const CALLS = Number(process.env.BENCH_CALLS ?? 200)
const CONSUMER = DEMO_USERS[0].openid

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms`
}

async function timeEach(calls: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < calls; i += 1) {
    const started = performance.now()
    await work()
    samples.push(performance.now() - started)
  }
  return samples
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[samples.length >> 1]

async function main(): Promise<void> {
  await buildCloudFunctions()
  const root = mkdtempSync(join(tmpdir(), 'bench-local-cloud-'))
  const pg = await startPostgres({ dataDir: join(root, 'pgdata'), ephemeral: true })
  const cloud = await startLocalCloud({
    functionsRoot: FUNCTIONS_ROOT,
    databaseUrl: pg.url,
    port: 0,
    users: DEMO_USERS,
  })
  try {
    await seedDemo(cloud.store)
    console.log(
      `embedded PostgreSQL: initdb ${pg.timings.initMs} ms, start ${pg.timings.startMs} ms`,
    )

    const list = () => cloud.invoke(FUNCTIONS.catalog, { action: ACTIONS.catalog.list }, CONSUMER)
    const me = () => cloud.invoke(FUNCTIONS.user, { action: ACTIONS.user.me }, CONSUMER)
    const [cold] = await timeEach(1, list)
    console.log(`first call (starts a worker, loads wx-server-sdk): ${cold.toFixed(0)} ms`)

    // Baseline: the same read straight from the store, without the SDK, HTTP or a worker.
    const direct = await timeEach(CALLS, () =>
      cloud.store.find(COLLECTIONS.products, { active: true }),
    )
    const viaSdk = await timeEach(CALLS, list)
    const writes = await timeEach(CALLS, me)
    console.log(`store read (baseline), ${CALLS} calls:     ${summary(direct)}`)
    console.log(
      `catalog.list through the SDK:         ${summary(viaSdk)}  (${(median(viaSdk) / median(direct)).toFixed(1)}x baseline)`,
    )
    console.log(
      `user.me (5 round trips, a transaction):${summary(writes)}  (${(median(writes) / median(direct)).toFixed(1)}x baseline)`,
    )
  } finally {
    await cloud.stop()
    await pg.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`)
  process.exit(1)
})
