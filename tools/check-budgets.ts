// Package sizes against config/budgets.json: the mini program's main package and each
// subpackage as WeChat counts them (every file of the built weapp, subpackages by their roots in
// app.json) and each cloud function bundle (cloudfunctions/<fn>/index.js). `npm test` runs this
// right after the builds and fails on a package over its budget; `npm run size` prints the same
// figures (tools/report-size.ts). A function may depend only on modules its bundle requires.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { FUNCTIONS_ROOT, listFunctionNames, PROJECT_ROOT } from './build-cloudfunctions'

export const BUDGETS_FILE = join(PROJECT_ROOT, 'config', 'budgets.json')
/** WeChat refuses a package (main or sub) above 2 MB. */
const WECHAT_PACKAGE_LIMIT_KB = 2048

export interface Budgets {
  miniProgram: { main: number; subpackages: Record<string, number> }
  cloudFunctions: { default: number } & Record<string, number>
}

export interface PackageSize {
  /** "main", "subpackage merchant", "cloud function order". */
  name: string
  bytes: number
  /** KB; undefined when config/budgets.json has none for it. */
  budgetKB?: number
}

export function weappDir(distRoot = process.env.DIST_ROOT || 'dist'): string {
  return join(PROJECT_ROOT, distRoot, 'weapp')
}

export function loadBudgets(path = BUDGETS_FILE): Budgets {
  return JSON.parse(readFileSync(path, 'utf8')) as Budgets
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Main package and each subpackage of a built weapp, in bytes. */
export function miniProgramSizes(dir: string): Map<string, number> {
  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
    subpackages?: Array<{ root: string }>
  }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((sub) => sub.root.replace(/\/$/, ''))
  const sizes = new Map<string, number>([
    ['main', 0],
    ...roots.map((r): [string, number] => [r, 0]),
  ])
  for (const file of filesUnder(dir)) {
    const path = relative(dir, file)
    // DevTools' project files are not uploaded with the code.
    if (path === 'project.config.json' || path === 'project.private.config.json') continue
    const owner = roots.find((root) => path.startsWith(`${root}/`)) ?? 'main'
    sizes.set(owner, (sizes.get(owner) ?? 0) + statSync(file).size)
  }
  return sizes
}

export function packageSizes(dir: string, budgets: Budgets): PackageSize[] {
  const out: PackageSize[] = []
  for (const [root, bytes] of miniProgramSizes(dir)) {
    out.push(
      root === 'main'
        ? { name: 'main', bytes, budgetKB: budgets.miniProgram.main }
        : { name: `subpackage ${root}`, bytes, budgetKB: budgets.miniProgram.subpackages[root] },
    )
  }
  for (const fn of listFunctionNames()) {
    const file = join(FUNCTIONS_ROOT, fn, 'index.js')
    out.push({
      name: `cloud function ${fn}`,
      bytes: existsSync(file) ? statSync(file).size : NaN,
      budgetKB: budgets.cloudFunctions[fn] ?? budgets.cloudFunctions.default,
    })
  }
  return out
}

/** Dependencies a function's package.json lists that its bundle never requires. */
export function unusedDependencies(fn: string): string[] {
  const pkg = JSON.parse(readFileSync(join(FUNCTIONS_ROOT, fn, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
  }
  const bundle = readFileSync(join(FUNCTIONS_ROOT, fn, 'index.js'), 'utf8')
  return Object.keys(pkg.dependencies ?? {}).filter(
    (dep) => !bundle.includes(`require("${dep}")`) && !bundle.includes(`require('${dep}')`),
  )
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** One message per problem: over budget, no budget, not built, unused dependency. */
export function budgetProblems(sizes: PackageSize[]): string[] {
  const problems: string[] = []
  for (const { name, bytes, budgetKB } of sizes) {
    if (Number.isNaN(bytes)) problems.push(`${name}: not built (run npm run build:cloud)`)
    else if (budgetKB === undefined)
      problems.push(`${name}: ${kb(bytes)} has no budget in config/budgets.json`)
    else if (budgetKB > WECHAT_PACKAGE_LIMIT_KB && !name.startsWith('cloud function'))
      problems.push(
        `${name}: budget ${budgetKB} KB is above WeChat's ${WECHAT_PACKAGE_LIMIT_KB} KB`,
      )
    else if (bytes > budgetKB * 1024)
      problems.push(
        `${name}: ${kb(bytes)} is over its budget of ${budgetKB} KB by ${kb(bytes - budgetKB * 1024)}`,
      )
  }
  for (const fn of listFunctionNames()) {
    if (!existsSync(join(FUNCTIONS_ROOT, fn, 'index.js'))) continue
    for (const dep of unusedDependencies(fn))
      problems.push(`cloud function ${fn}: depends on ${dep}, which its bundle never requires`)
  }
  return problems
}

function main(): void {
  const dir = weappDir()
  if (!existsSync(join(dir, 'app.json'))) {
    console.error(`缺少 ${relative(PROJECT_ROOT, dir)}：先运行 npm run build:weapp`)
    process.exit(1)
  }
  const sizes = packageSizes(dir, loadBudgets())
  const problems = budgetProblems(sizes)
  for (const { name, bytes, budgetKB } of sizes)
    console.log(`  ${name.padEnd(28)}${kb(bytes).padStart(10)}  / ${budgetKB ?? '?'} KB`)
  if (problems.length) {
    console.error(
      `\nPackage budget check failed (config/budgets.json):\n  ${problems.join('\n  ')}`,
    )
    process.exit(1)
  }
  console.log('\nAll packages within config/budgets.json.')
}

// Run as a script (npm run check:budgets), not when report-size.ts or a benchmark imports it.
if (/check-budgets\.ts$/.test(process.argv[1] ?? '')) main()
