// Package sizes: our main package next to the bare Taro 4 React app's (same config/index.ts), so
// the difference is our cost above the framework; the merchant subpackage and each cloud function
// bundle next to their budgets (config/budgets.json, checked in npm test by tools/check-budgets.ts).
import { buildCloudFunctions } from '../build-cloudfunctions'
import { budgetProblems, loadBudgets, miniProgramSizes, packageSizes } from '../check-budgets'
import { ensureBuild } from './builds'
import type { BenchFigure, Benchmark } from './types'

const KB = 1024

export const benchmark: Benchmark = {
  name: 'size',
  title: 'Package sizes: main package vs the bare Taro app, bundles vs budgets',
  async prepare(log) {
    await ensureBuild('app', 'weapp', log)
    await ensureBuild('bare', 'weapp', log)
  },
  async run(ctx) {
    await buildCloudFunctions()
    const ours = await ensureBuild('app', 'weapp', ctx.log)
    const bare = miniProgramSizes(await ensureBuild('bare', 'weapp', ctx.log)).get('main')!
    const budgets = loadBudgets()
    const sizes = packageSizes(ours, budgets)
    const problems = budgetProblems(sizes)
    if (problems.length) ctx.log(`over budget: ${problems.join('; ')}`)
    const figures: BenchFigure[] = sizes.map(({ name, bytes, budgetKB }) =>
      name === 'main'
        ? {
            label: 'weapp main package (every consumer page)',
            value: bytes / KB,
            baseline: bare / KB,
            unit: 'KB',
            baselineLabel: 'bare Taro 4 React app, one page',
            note: `our cost above the framework: ${((bytes - bare) / KB).toFixed(0)} KB; budget ${budgetKB} KB, WeChat's limit 2048 KB`,
          }
        : {
            label: name,
            value: bytes / KB,
            baseline: budgetKB ?? NaN,
            unit: 'KB',
            baselineLabel: 'budget in config/budgets.json',
          },
    )
    return {
      setup:
        'Built with `taro build --type weapp` (production) from this tree and from tools/bench/bare-app/src with the same config/index.ts, into dist-bench/. Sizes are the bytes WeChat counts: every file of the build, subpackages by their roots in app.json; cloud functions are the esbuild bundles (index.js). The bare app has one page and no code of ours.',
      figures,
    }
  },
}
