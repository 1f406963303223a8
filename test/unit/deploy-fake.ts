// FakeEnvironment: an in-memory stand-in for the deploy adapter (tools/deploy/types.ts
// DeployAdapter), not for manager-node. It behaves like the adapter promises: a code upload does
// not change the recorded hash, the config update that follows it does. `failAt` makes the
// k-th apply call (1-based) throw a vendor-like error.
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { listFunctionNames } from '../../tools/build-cloudfunctions'
import type { DeployAdapter, LiveState, Step } from '../../tools/deploy/types'

export const emptyLive = (): LiveState => ({ collections: {}, storageRule: null, functions: {} })

export class FakeEnvironment implements DeployAdapter {
  applied: Step[] = []
  calls = 0
  failAt: number | null = null
  failure: Error & { code?: string } = Object.assign(new Error('InternalError'), {
    code: 'InternalError',
  })

  constructor(public live: LiveState = emptyLive()) {}

  async readLive(): Promise<LiveState> {
    return structuredClone(this.live)
  }

  async apply(original: Step): Promise<void> {
    // Stored apart from the plan, as the real environment is.
    const step = structuredClone(original)
    this.calls += 1
    if (this.failAt === this.calls) throw this.failure
    const { collections, functions } = this.live
    switch (step.kind) {
      case 'create-collection':
        collections[step.collection] ??= {
          name: step.collection,
          count: 0,
          indexes: [],
          rule: null,
        }
        break
      case 'create-index':
      case 'replace-index': {
        const c = collections[step.collection]
        c.indexes = [...c.indexes.filter((i) => i.name !== step.index.name), step.index]
        break
      }
      case 'drop-index': {
        const c = collections[step.collection]
        c.indexes = c.indexes.filter((i) => i.name !== step.name)
        break
      }
      case 'set-rule':
        collections[step.collection].rule = step.rule
        break
      case 'set-storage-rule':
        this.live.storageRule = step.rule
        break
      case 'create-function':
        functions[step.fn.name] = {
          name: step.fn.name,
          codeHash: step.fn.codeHash,
          timeout: step.fn.timeout,
          triggers: [],
        }
        break
      case 'update-function-code':
        break
      case 'update-function-config':
        functions[step.fn.name].codeHash = step.fn.codeHash
        functions[step.fn.name].timeout = step.fn.timeout
        break
      case 'set-trigger': {
        const fn = functions[step.fn]
        fn.triggers = [...fn.triggers.filter((t) => t.name !== step.trigger.name), step.trigger]
        break
      }
      case 'drop-trigger':
        functions[step.fn].triggers = functions[step.fn].triggers.filter(
          (t) => t.name !== step.name,
        )
        break
      case 'seed':
        collections[step.collection].count += step.documents.length
        break
    }
    this.applied.push(original)
  }
}

const REPO = resolve(__dirname, '..', '..')
const made: string[] = []

/** Removes every fixtureRepo() of this test file (call from afterAll). */
export function cleanFixtures(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/**
 * A throwaway copy of what deploy reads: database/*.json and each function's config.json and
 * package.json, with a stand-in index.js (the real one is a build output).
 */
export function fixtureRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'deploy-repo-'))
  made.push(root)
  cpSync(join(REPO, 'database'), join(root, 'database'), { recursive: true })
  for (const name of listFunctionNames(join(REPO, 'cloudfunctions'))) {
    const dir = join(root, 'cloudfunctions', name)
    mkdirSync(dir, { recursive: true })
    for (const file of ['config.json', 'package.json'])
      cpSync(join(REPO, 'cloudfunctions', name, file), join(dir, file))
    writeFileSync(join(dir, 'index.js'), `exports.main = async () => '${name}'\n`)
  }
  return root
}
