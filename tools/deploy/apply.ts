// The runner: applies a plan's steps in order and stops at the first failure. Nothing is
// remembered between runs: a rerun plans again from the environment, so it holds only what the
// failed run had not finished.
import { describeStep } from './plan'
import { errorText, type Print } from './secrets'
import type { DeployAdapter, Plan, Step } from './types'

export class StepFailed extends Error {
  constructor(
    readonly step: Step,
    readonly index: number,
    message: string,
  ) {
    super(message)
    this.name = 'StepFailed'
  }
}

export function printPlan(plan: Plan, print: Print): void {
  for (const notice of plan.notices) print(`  提示：${notice}`)
  if (plan.steps.length === 0) {
    print('环境已与仓库一致，无需变更。')
    return
  }
  print(`计划 ${plan.steps.length} 步：`)
  plan.steps.forEach((step, i) => print(`  ${i + 1}. ${describeStep(step)}`))
}

/** Applies every step; throws StepFailed (message in Chinese, redacted) at the first failure. */
export async function applyPlan(
  plan: Plan,
  adapter: DeployAdapter,
  print: Print,
  secrets: string[],
): Promise<void> {
  const total = plan.steps.length
  for (const [i, step] of plan.steps.entries()) {
    const label = describeStep(step)
    try {
      await adapter.apply(step)
    } catch (error) {
      throw new StepFailed(
        step,
        i,
        `第 ${i + 1}/${total} 步失败：${label}。\n  腾讯云/微信返回：${errorText(error, secrets)}\n` +
          `  前 ${i} 步已完成；排除问题后重新运行同一命令，会从未完成的部分继续。`,
      )
    }
    print(`  [${i + 1}/${total}] ${label} ✓`)
  }
}
