// The deploy planner: repository (desired) × environment (live) → ordered steps. Pure, so a plan
// recomputed after any partial apply only holds what is still missing (that is how a rerun
// continues after a failure). Order: collections before their indexes and rules, functions
// before their triggers, the seed last. It never drops anything unless `prune` is set.
import type {
  DesiredState,
  FunctionSpec,
  IndexSpec,
  LiveFunction,
  LiveState,
  Plan,
  PlanOptions,
  Rule,
  Step,
  TriggerSpec,
} from './types'

const sameIndex = (a: IndexSpec, b: IndexSpec) =>
  a.unique === b.unique && JSON.stringify(a.fields) === JSON.stringify(b.fields)

export const sameRule = (a: Rule | null, b: Rule) =>
  a !== null && a.read === b.read && a.write === b.write

const sameTrigger = (a: TriggerSpec, b: TriggerSpec) =>
  a.type === b.type &&
  a.config.trim().split(/\s+/).join(' ') === b.config.trim().split(/\s+/).join(' ')

function planCollections(desired: DesiredState, live: LiveState, options: PlanOptions, plan: Plan) {
  for (const name of desired.collections)
    if (!live.collections[name]) plan.steps.push({ kind: 'create-collection', collection: name })

  for (const name of desired.collections) {
    const wanted = desired.indexes[name] ?? []
    const present = live.collections[name]?.indexes ?? []
    for (const index of wanted) {
      const found = present.find((p) => p.name === index.name)
      if (!found) plan.steps.push({ kind: 'create-index', collection: name, index })
      else if (!sameIndex(found, index))
        plan.steps.push({ kind: 'replace-index', collection: name, index })
    }
    for (const extra of present.filter((p) => !wanted.some((w) => w.name === p.name))) {
      if (options.prune) plan.steps.push({ kind: 'drop-index', collection: name, name: extra.name })
      else
        plan.notices.push(
          `集合 ${name} 有索引 ${extra.name}，database/indexes.json 中没有（加 --prune 才会删除）`,
        )
    }
  }

  for (const name of desired.collections) {
    const rule = desired.rules[name]
    if (rule && !sameRule(live.collections[name]?.rule ?? null, rule))
      plan.steps.push({ kind: 'set-rule', collection: name, rule })
  }
  if (!sameRule(live.storageRule, desired.storageRule))
    plan.steps.push({ kind: 'set-storage-rule', rule: desired.storageRule })
}

function planFunction(fn: FunctionSpec, present: LiveFunction | undefined, prune: boolean) {
  const steps: Step[] = []
  const notices: string[] = []
  if (!present) steps.push({ kind: 'create-function', fn })
  else {
    // The hash lives in the config (description), so new code always also rewrites the config.
    if (present.codeHash !== fn.codeHash) steps.push({ kind: 'update-function-code', fn })
    if (present.codeHash !== fn.codeHash || present.timeout !== fn.timeout)
      steps.push({ kind: 'update-function-config', fn })
  }
  const liveTriggers = present?.triggers ?? []
  for (const trigger of fn.triggers) {
    const found = liveTriggers.find((t) => t.name === trigger.name)
    if (!found || !sameTrigger(found, trigger))
      steps.push({ kind: 'set-trigger', fn: fn.name, trigger, replace: Boolean(found) })
  }
  for (const extra of liveTriggers.filter((t) => !fn.triggers.some((w) => w.name === t.name))) {
    if (prune) steps.push({ kind: 'drop-trigger', fn: fn.name, name: extra.name })
    else
      notices.push(
        `云函数 ${fn.name} 有触发器 ${extra.name}，config.json 中没有（加 --prune 才会删除）`,
      )
  }
  return { steps, notices }
}

export function planDeploy(desired: DesiredState, live: LiveState, options: PlanOptions): Plan {
  const plan: Plan = { steps: [], notices: [] }
  planCollections(desired, live, options, plan)
  for (const fn of desired.functions) {
    const { steps, notices } = planFunction(fn, live.functions[fn.name], options.prune)
    plan.steps.push(...steps)
    plan.notices.push(...notices)
  }
  if (desired.seed) {
    const { collection, documents } = desired.seed
    const count = live.collections[collection]?.count ?? 0
    if (count === 0) plan.steps.push({ kind: 'seed', collection, documents })
    else plan.notices.push(`集合 ${collection} 已有 ${count} 条数据，不写入演示数据`)
  }
  return plan
}

const fieldsText = (index: IndexSpec) =>
  index.fields.map(([field, dir]) => `${field} ${dir === 'asc' ? '↑' : '↓'}`).join(', ') +
  (index.unique ? '，唯一' : '')

/** One line per step, in Chinese, naming the resource. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'create-collection':
      return `创建集合 ${step.collection}`
    case 'create-index':
      return `创建索引 ${step.collection}.${step.index.name}（${fieldsText(step.index)}）`
    case 'replace-index':
      return `重建索引 ${step.collection}.${step.index.name}（${fieldsText(step.index)}）`
    case 'drop-index':
      return `删除索引 ${step.collection}.${step.name}`
    case 'set-rule':
      return `设置集合 ${step.collection} 的安全规则`
    case 'set-storage-rule':
      return '设置云存储安全规则'
    case 'create-function':
      return `创建云函数 ${step.fn.name}（超时 ${step.fn.timeout} 秒）`
    case 'update-function-code':
      return `更新云函数 ${step.fn.name} 的代码`
    case 'update-function-config':
      return `更新云函数 ${step.fn.name} 的配置（超时 ${step.fn.timeout} 秒）`
    case 'set-trigger':
      return `${step.replace ? '更新' : '创建'}定时触发器 ${step.fn}.${step.trigger.name}（${step.trigger.config}）`
    case 'drop-trigger':
      return `删除触发器 ${step.fn}.${step.name}`
    case 'seed':
      return `写入演示数据：${step.collection} ${step.documents.length} 条`
  }
}
