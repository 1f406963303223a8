// The desired state, read from the repository: COLLECTIONS, database/*.json and each built
// cloudfunctions/<name> folder. Run `npm run build:cloud` first (the deploy command does).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { COLLECTIONS } from '../../src/domain/names'
import { listFunctionNames } from '../build-cloudfunctions'
import { indexFileProblems, type IndexFile } from '../local-cloud/indexes'
import { DEMO_PRODUCTS } from '../seed/demo'
import type { DesiredState, FunctionSpec, IndexSpec, Rule, TriggerSpec } from './types'

export const ROOT = resolve(__dirname, '..', '..')

/** The files a function's code package holds; their hash decides whether code is uploaded. */
export const PACKAGE_FILES = ['index.js', 'package.json', 'config.json']

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

function isRule(value: unknown): value is Rule {
  const ok = (v: unknown) => typeof v === 'boolean' || typeof v === 'string'
  return (
    typeof value === 'object' &&
    value !== null &&
    ok((value as Rule).read) &&
    ok((value as Rule).write)
  )
}

export function codeHash(dir: string): string {
  const hash = createHash('sha256')
  for (const file of PACKAGE_FILES) {
    const path = join(dir, file)
    if (!existsSync(path)) throw new Error(`${path} 不存在：先运行 npm run build:cloud`)
    hash.update(`${file}\0`).update(readFileSync(path)).update('\0')
  }
  return hash.digest('hex').slice(0, 32)
}

function readFunction(root: string, name: string): FunctionSpec {
  const dir = join(root, 'cloudfunctions', name)
  const config = readJson(join(dir, 'config.json')) as {
    timeout?: number
    triggers?: TriggerSpec[]
    permissions?: { openapi?: string[] }
  }
  return {
    name,
    dir,
    codeHash: codeHash(dir),
    // WeChat's default when config.json says nothing.
    timeout: config.timeout ?? 3,
    triggers: (config.triggers ?? []).map((t) => ({
      name: t.name,
      type: t.type,
      config: t.config,
    })),
    openapi: config.permissions?.openapi ?? [],
  }
}

export function readDesired(root = ROOT, options: { seedDemo?: boolean } = {}): DesiredState {
  const collections = Object.values(COLLECTIONS) as string[]
  const indexFile = readJson(join(root, 'database', 'indexes.json'))
  const problems = indexFileProblems(indexFile)
  if (problems.length) throw new Error(`database/indexes.json：${problems.join('；')}`)
  const indexes: Record<string, IndexSpec[]> = {}
  for (const [collection, list] of Object.entries(indexFile as IndexFile)) {
    if (!collections.includes(collection))
      throw new Error(`database/indexes.json：${collection} 不在 COLLECTIONS 中`)
    indexes[collection] = list.map((spec) => ({
      name: spec.name,
      fields: spec.fields.map(([field, dir]) => [field, dir]),
      unique: spec.unique === true,
    }))
  }
  const rulesFile = readJson(join(root, 'database', 'security-rules.json')) as Record<
    string,
    unknown
  >
  const rules: Record<string, Rule> = {}
  for (const name of collections) {
    const rule = rulesFile[name]
    if (!isRule(rule)) throw new Error(`database/security-rules.json：缺少集合 ${name} 的规则`)
    rules[name] = rule
  }
  const storageRule = readJson(join(root, 'database', 'storage-rules.json'))
  if (!isRule(storageRule)) throw new Error('database/storage-rules.json：需要 read 与 write')
  const functions = listFunctionNames(join(root, 'cloudfunctions')).map((name) =>
    readFunction(root, name),
  )
  const seed = options.seedDemo
    ? {
        collection: COLLECTIONS.products,
        documents: DEMO_PRODUCTS as unknown as Record<string, unknown>[],
      }
    : undefined
  return { collections, indexes, rules, storageRule, functions, seed }
}
