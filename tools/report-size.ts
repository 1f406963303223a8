// `npm run size`: the weapp main package and each subpackage as WeChat counts them, and each
// cloud function bundle, next to their budgets (config/budgets.json; the same code as the check
// in npm test, tools/check-budgets.ts). Run after `npm run build:weapp` (DIST_ROOT honoured).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { kb, loadBudgets, packageSizes, weappDir } from './check-budgets'

const dir = weappDir()
if (!existsSync(join(dir, 'app.json'))) {
  console.error(`缺少 ${dir}：先运行 npm run build:weapp`)
  process.exit(1)
}
for (const { name, bytes, budgetKB } of packageSizes(dir, loadBudgets())) {
  const share = budgetKB
    ? `${((bytes / (budgetKB * 1024)) * 100).toFixed(0)}% of ${budgetKB} KB`
    : 'no budget'
  console.log(
    `  ${name.padEnd(28)}${(Number.isNaN(bytes) ? '未构建' : kb(bytes)).padStart(10)}  ${share}`,
  )
}
