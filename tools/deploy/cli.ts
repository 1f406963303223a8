// `npm run deploy -- --env <环境ID> [--dry-run] [--prune] [--seed-demo]`: build the functions,
// read the environment, print the plan, apply it. Dependencies are injected so the tests run
// the whole command against a fake environment and capture everything it prints.
import { parseArgs } from 'node:util'
import { applyPlan, printPlan, StepFailed } from './apply'
import { planDeploy } from './plan'
import {
  errorText,
  redactingPrinter,
  secretValues,
  tencentCredentials,
  type TencentCredentials,
} from './secrets'
import type { DeployAdapter, DesiredState } from './types'

export interface DeployDeps {
  env: Record<string, string | undefined>
  out: (line: string) => void
  err: (line: string) => void
  build: () => Promise<void>
  readDesired: (options: { seedDemo: boolean }) => DesiredState
  connect: (envId: string, credentials: TencentCredentials) => DeployAdapter
}

export interface DeployArgs {
  envId: string
  dryRun: boolean
  prune: boolean
  seedDemo: boolean
}

const ENV_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/

export function parseDeployArgs(argv: string[]): DeployArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      prune: { type: 'boolean', default: false },
      'seed-demo': { type: 'boolean', default: false },
    },
    strict: true,
  })
  if (!values.env)
    throw new Error('用法：npm run deploy -- --env <环境ID> [--dry-run] [--prune] [--seed-demo]')
  if (!ENV_ID.test(values.env)) throw new Error(`环境 ID 格式不对：${values.env}`)
  return {
    envId: values.env,
    dryRun: values['dry-run'] === true,
    prune: values.prune === true,
    seedDemo: values['seed-demo'] === true,
  }
}

/** Returns the exit code. */
export async function runDeploy(argv: string[], deps: DeployDeps): Promise<number> {
  const secrets = secretValues(deps.env)
  const print = redactingPrinter(deps.out, secrets)
  const fail = redactingPrinter(deps.err, secrets)
  try {
    const args = parseDeployArgs(argv)
    const credentials = tencentCredentials(deps.env)
    print('构建云函数…')
    await deps.build()
    const desired = deps.readDesired({ seedDemo: args.seedDemo })
    const adapter = deps.connect(args.envId, credentials)
    print(`读取环境 ${args.envId} 的现状…`)
    const live = await adapter.readLive(desired)
    const plan = planDeploy(desired, live, { prune: args.prune })
    printPlan(plan, print)
    if (args.dryRun || plan.steps.length === 0) {
      if (args.dryRun && plan.steps.length) print('（--dry-run：未做任何修改）')
      return 0
    }
    await applyPlan(plan, adapter, print, secrets)
    print(`完成：环境 ${args.envId} 已与仓库一致。`)
    return 0
  } catch (error) {
    fail(error instanceof StepFailed ? error.message : `部署失败：${errorText(error, secrets)}`)
    return 1
  }
}
