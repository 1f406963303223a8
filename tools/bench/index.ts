// `npm run bench [-- <name>…]`: runs each benchmark module (types.ts) against its own fresh local
// cloud on embedded PostgreSQL, prints the figures and writes docs/benchmarks.md with the machine
// and date. BENCH_QUICK=1 scales the data down for a smoke run (not for the results file);
// `BENCH_WRITE=1 npm run bench -- <name>` replaces only that module's section.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { Client } from 'pg'
import { format, resolveConfig } from 'prettier'
import { buildCloudFunctions, FUNCTIONS_ROOT } from '../build-cloudfunctions'
import { startLocalCloud, startPostgres } from '../local-cloud'
import { DEMO_USERS } from '../seed/demo'
import type { BenchResult, Benchmark } from './types'

const ROOT = resolve(__dirname, '..', '..')
/** docs/benchmarks.md keeps everything below this line across runs (the written explanations). */
const KEPT = '<!-- written by hand below: npm run bench keeps it -->'
const MODULES = ['size', 'h5', 'writes', 'burst', 'orders', 'refill', 'recommend']
/** Opens each module's section in docs/benchmarks.md, so one module can be measured again alone. */
const SECTION = '<!-- bench:'

async function load(): Promise<Benchmark[]> {
  const found: Benchmark[] = []
  for (const name of MODULES) {
    if (!existsSync(join(__dirname, `${name}.ts`))) continue
    found.push(((await import(`./${name}`)) as { benchmark: Benchmark }).benchmark)
  }
  return found
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2))

async function runOne(bench: Benchmark, scale: number): Promise<BenchResult> {
  const log = (line: string) => console.log(`  [${bench.name}] ${line}`)
  await bench.prepare?.(log)
  if (bench.runPure) return bench.runPure({ log, scale })
  if (!bench.run) throw new Error(`${bench.name} has neither run nor runPure`)
  const root = mkdtempSync(join(tmpdir(), `bench-${bench.name}-`))
  const pg = await startPostgres({ dataDir: join(root, 'pgdata'), ephemeral: true })
  const cloud = await startLocalCloud({
    functionsRoot: FUNCTIONS_ROOT,
    databaseUrl: pg.url,
    port: 0,
    users: DEMO_USERS,
    functionTimeoutMs: bench.functionTimeoutMs,
  })
  try {
    const analyze = async () => {
      const client = new Client({ connectionString: pg.url })
      await client.connect()
      await client.query('ANALYZE').finally(() => client.end())
    }
    return await bench.run({ cloud, scale, log, databaseUrl: pg.url, analyze })
  } finally {
    await cloud.stop()
    await pg.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const scale = process.env.BENCH_QUICK ? 0.01 : 1
  const all = await load()
  const chosen = wanted.length ? all.filter((b) => wanted.includes(b.name)) : all
  if (chosen.length === 0)
    throw new Error(
      `no benchmark named ${wanted.join(', ')}; have ${all.map((b) => b.name).join(', ')}`,
    )
  if (chosen.some((bench) => bench.run)) await buildCloudFunctions()
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB memory, Node ${process.version}, ${process.platform}`
  const file = join(ROOT, 'docs', 'benchmarks.md')
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const sections = sectionsOf(previous)
  for (const bench of chosen) {
    console.log(`\n== ${bench.title}`)
    const result = await runOne(bench, scale)
    const rows = result.figures.map((f) => {
      const ratio = f.baseline ? `${fmt(f.value / f.baseline)}×` : '–'
      console.log(
        `  ${f.label}: ${fmt(f.value)} ${f.unit} vs ${fmt(f.baseline)} ${f.unit} ${f.baselineLabel}`,
      )
      return `| ${f.label} | ${fmt(f.value)} ${f.unit} | ${fmt(f.baseline)} ${f.unit} (${f.baselineLabel}) | ${ratio} | ${f.note ?? ''} |`
    })
    sections.set(
      bench.name,
      [
        `${SECTION}${bench.name} -->`,
        `## ${bench.title} (\`npm run bench -- ${bench.name}\`)`,
        '',
        `Measured ${new Date().toISOString()} — ${machine}${scale !== 1 ? ` — QUICK RUN (data × ${scale})` : ''}.`,
        '',
        result.setup,
        '',
        '| figure | measured | baseline, same run | ratio | note |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    )
  }
  const doc = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`. Each figure stands next to its baseline measured in the same run;',
    'ratios travel better than milliseconds. Each section says when and on what it was measured.',
    '',
    ...MODULES.filter((name) => sections.has(name)).flatMap((name) => [sections.get(name), '']),
  ].join('\n')
  const kept = previous.includes(KEPT) ? previous.slice(previous.indexOf(KEPT)) : `${KEPT}\n`
  if (!wanted.length || process.env.BENCH_WRITE) {
    // Formatted as `npm run lint` checks it, so a bench run leaves the tree lint-clean.
    const options = { ...(await resolveConfig(file)), filepath: file }
    writeFileSync(file, await format(`${doc}\n${kept}`, options))
  }
  console.log(
    wanted.length && !process.env.BENCH_WRITE
      ? '\n(a chosen few: docs/benchmarks.md left as is; BENCH_WRITE=1 replaces their sections)'
      : '\nwritten docs/benchmarks.md',
  )
}

/** The sections an earlier run wrote, by module name (kept when only some modules run). */
function sectionsOf(doc: string): Map<string, string> {
  const body = doc.includes(KEPT) ? doc.slice(0, doc.indexOf(KEPT)) : doc
  const sections = new Map<string, string>()
  for (const part of body.split(SECTION).slice(1)) {
    const name = part.slice(0, part.indexOf(' -->'))
    sections.set(name, `${SECTION}${part.trimEnd()}`)
  }
  return sections
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`)
  process.exit(1)
})
