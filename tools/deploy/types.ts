// The shapes `npm run deploy` compares: what the repository wants, what the environment has,
// and the steps between them. Plain data, so the planner stays a pure function.

export type Direction = 'asc' | 'desc'

export interface IndexSpec {
  name: string
  /** Field order matters: a composite index only serves queries on its prefix. */
  fields: [string, Direction][]
  unique: boolean
}

/** A JSON security rule, as in database/security-rules.json and database/storage-rules.json. */
export interface Rule {
  read: boolean | string
  write: boolean | string
}

export interface TriggerSpec {
  name: string
  type: 'timer'
  /** 7-field cron (second minute hour day month weekday year). */
  config: string
}

export interface FunctionSpec {
  name: string
  /** The folder uploaded as the function's code (cloudfunctions/<name>). */
  dir: string
  /** sha256 of the uploaded files (index.js, package.json, config.json). */
  codeHash: string
  timeout: number
  triggers: TriggerSpec[]
  /** config.json permissions.openapi: shipped inside the code package, see the README. */
  openapi: string[]
}

export interface DesiredState {
  collections: string[]
  indexes: Record<string, IndexSpec[]>
  rules: Record<string, Rule>
  storageRule: Rule
  functions: FunctionSpec[]
  /** Demo documents for an empty `products` collection (only with --seed-demo). */
  seed?: { collection: string; documents: Record<string, unknown>[] }
}

export interface LiveCollection {
  name: string
  /** Number of documents; the seed only goes into a collection with none. */
  count: number
  /** Without the built-in `_id_` index. */
  indexes: IndexSpec[]
  /** null when the collection uses a simple permission mode or no custom rule. */
  rule: Rule | null
}

export interface LiveFunction {
  name: string
  /** Read back from the function's description, where deploy writes it last. */
  codeHash: string | null
  timeout: number
  triggers: TriggerSpec[]
}

export interface LiveState {
  collections: Record<string, LiveCollection>
  storageRule: Rule | null
  functions: Record<string, LiveFunction>
}

export type Step =
  | { kind: 'create-collection'; collection: string }
  | { kind: 'create-index'; collection: string; index: IndexSpec }
  | { kind: 'replace-index'; collection: string; index: IndexSpec }
  | { kind: 'drop-index'; collection: string; name: string }
  | { kind: 'set-rule'; collection: string; rule: Rule }
  | { kind: 'set-storage-rule'; rule: Rule }
  | { kind: 'create-function'; fn: FunctionSpec }
  | { kind: 'update-function-code'; fn: FunctionSpec }
  | { kind: 'update-function-config'; fn: FunctionSpec }
  | { kind: 'set-trigger'; fn: string; trigger: TriggerSpec; replace: boolean }
  | { kind: 'drop-trigger'; fn: string; name: string }
  | { kind: 'seed'; collection: string; documents: Record<string, unknown>[] }

export interface Plan {
  steps: Step[]
  /** Differences reported but not acted on (extra indexes without --prune, a non-empty products). */
  notices: string[]
}

export interface PlanOptions {
  prune: boolean
}

/**
 * What the runner needs from an environment. cloudbase.ts implements it with
 * @cloudbase/manager-node; the tests use an in-memory fake of this interface.
 */
export interface DeployAdapter {
  readLive(desired: DesiredState): Promise<LiveState>
  apply(step: Step): Promise<void>
}
