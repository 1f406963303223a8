// The adapter between the planner and @cloudbase/manager-node: reads the live state and
// applies one step with the SDK's own methods (names checked in its .d.ts). Nothing here has
// run against Tencent Cloud: test/unit/deploy-cloudbase.test.ts pins the requests it sends.
import CloudBase from '@cloudbase/manager-node'
import type { TencentCredentials } from './secrets'
import type {
  DeployAdapter,
  DesiredState,
  FunctionSpec,
  IndexSpec,
  LiveCollection,
  LiveFunction,
  LiveState,
  Rule,
  Step,
  TriggerSpec,
} from './types'

/** Same major as the build target (tools/build-cloudfunctions.ts: node16). */
export const RUNTIME = 'Nodejs16.13'
/** The code hash is kept in the function's description, written after the code. */
const HASH_PREFIX = 'deploy:'
/** Only the built files are uploaded; wx-server-sdk is installed in the cloud. */
const IGNORE = ['src', 'src/**/*', 'index.js.map', 'node_modules', 'node_modules/**/*']

type Manager = InstanceType<typeof CloudBase>

const direction = (dir: 'asc' | 'desc') => (dir === 'asc' ? '1' : '-1')

function parseRule(text: string | undefined): Rule | null {
  try {
    const rule = JSON.parse(text ?? '')
    return rule && 'read' in rule && 'write' in rule ? { read: rule.read, write: rule.write } : null
  } catch {
    return null
  }
}

/** SCF reports a timer's cron either bare or as {"cron": "..."}. */
function cronOf(desc: string): string {
  try {
    const parsed = JSON.parse(desc)
    return typeof parsed?.cron === 'string' ? parsed.cron : desc
  } catch {
    return desc
  }
}

const description = (fn: FunctionSpec) => `${HASH_PREFIX}${fn.codeHash}`

export class CloudbaseAdapter implements DeployAdapter {
  constructor(
    private readonly manager: Manager,
    /** The mini program's AppID: DescribeSafeRule wants it for WeChat environments. */
    private readonly wxAppId?: string,
  ) {}

  static connect(envId: string, credentials: TencentCredentials, wxAppId?: string) {
    const { secretId, secretKey, token } = credentials
    return new CloudbaseAdapter(new CloudBase({ secretId, secretKey, token, envId }), wxAppId)
  }

  private get envId(): string {
    return this.manager.currentEnvironment().getEnvId()
  }

  // Collection rules have no SDK method: its docs (access.md) call these through commonService.
  private async readRule(collection: string): Promise<Rule | null> {
    const res = await this.manager.commonService().call({
      Action: 'DescribeSafeRule',
      Param: { EnvId: this.envId, CollectionName: collection, WxAppId: this.wxAppId },
    })
    return res.AclTag === 'CUSTOM' ? parseRule(res.Rule) : null
  }

  async readLive(desired: DesiredState): Promise<LiveState> {
    // Permission and function calls read the environment's config without loading it first.
    await this.manager.currentEnvironment().lazyInit()
    const collections = await this.readCollections(desired.collections)
    for (const live of Object.values(collections)) live.rule = await this.readRule(live.name)
    const acl = await this.manager.storage.getStorageAcl({ withRule: true })
    const storageRule = acl.acl === 'CUSTOM' && acl.rule ? (acl.rule as Rule) : null
    return { collections, storageRule, functions: await this.readFunctions(desired) }
  }

  private async readCollections(wanted: string[]): Promise<Record<string, LiveCollection>> {
    const db = this.manager.database
    const found: Record<string, LiveCollection> = {}
    for (let offset = 0; ; offset += 100) {
      const page = await db.listCollections({ MgoLimit: 100, MgoOffset: offset })
      for (const c of page.Collections ?? [])
        if (wanted.includes(c.CollectionName))
          found[c.CollectionName] = {
            name: c.CollectionName,
            count: c.Count,
            indexes: [],
            rule: null,
          }
      if (!page.Pager || offset + 100 >= page.Pager.Total) break
    }
    for (const live of Object.values(found)) {
      const table = await db.describeCollection(live.name)
      live.indexes = (table.Indexes ?? [])
        .filter((index) => index.Name !== '_id_')
        .map((index) => ({
          name: index.Name,
          unique: index.Unique === true,
          fields: (index.Keys ?? []).map((key) => [
            key.Name ?? '',
            String(key.Direction) === '-1' ? 'desc' : 'asc',
          ]),
        }))
    }
    return found
  }

  private async readFunctions(desired: DesiredState): Promise<Record<string, LiveFunction>> {
    const listed = await this.manager.functions.listFunctions(100, 0)
    const names = new Set(listed.map((f) => f.FunctionName))
    const found: Record<string, LiveFunction> = {}
    for (const fn of desired.functions) {
      if (!names.has(fn.name)) continue
      const detail = await this.manager.functions.getFunctionDetail(fn.name)
      const desc = detail.Description ?? ''
      found[fn.name] = {
        name: fn.name,
        codeHash: desc.startsWith(HASH_PREFIX) ? desc.slice(HASH_PREFIX.length) : null,
        timeout: detail.Timeout,
        triggers: (detail.Triggers ?? [])
          .filter((t) => t.Type === 'timer')
          .map((t): TriggerSpec => ({
            name: t.TriggerName,
            type: 'timer',
            config: cronOf(t.TriggerDesc),
          })),
      }
    }
    return found
  }

  async apply(step: Step): Promise<void> {
    const { database, functions, storage } = this.manager
    switch (step.kind) {
      case 'create-collection':
        await database.createCollectionIfNotExists(step.collection)
        return
      case 'create-index':
        await database.updateCollection(step.collection, {
          CreateIndexes: [createIndex(step.index)],
        })
        return
      case 'replace-index':
        await database.updateCollection(step.collection, {
          DropIndexes: [{ IndexName: step.index.name }],
        })
        await database.updateCollection(step.collection, {
          CreateIndexes: [createIndex(step.index)],
        })
        return
      case 'drop-index':
        await database.updateCollection(step.collection, {
          DropIndexes: [{ IndexName: step.name }],
        })
        return
      case 'set-rule':
        await this.manager.commonService().call({
          Action: 'ModifySafeRule',
          Param: {
            EnvId: this.envId,
            CollectionName: step.collection,
            AclTag: 'CUSTOM',
            Rule: JSON.stringify(step.rule),
          },
        })
        return
      case 'set-storage-rule':
        await storage.setStorageAcl('CUSTOM', step.rule)
        return
      case 'create-function':
        await functions.createFunction({
          func: {
            ...codeFunc(step.fn),
            timeout: step.fn.timeout,
            description: description(step.fn),
          },
          functionPath: step.fn.dir,
          deployMode: 'zip',
        })
        return
      case 'update-function-code':
        await functions.updateFunctionCode({
          func: codeFunc(step.fn),
          functionPath: step.fn.dir,
          deployMode: 'zip',
        })
        return
      case 'update-function-config':
        await functions.updateFunctionConfig({
          name: step.fn.name,
          timeout: step.fn.timeout,
          description: description(step.fn),
        })
        return
      case 'set-trigger':
        if (step.replace) await functions.deleteFunctionTrigger(step.fn, step.trigger.name)
        await functions.createFunctionTriggers(step.fn, [step.trigger])
        return
      case 'drop-trigger':
        await functions.deleteFunctionTrigger(step.fn, step.name)
        return
      case 'seed':
        await database.runCommands({
          MgoCommands: [
            {
              TableName: step.collection,
              CommandType: 'INSERT',
              Command: JSON.stringify({ insert: step.collection, documents: step.documents }),
            },
          ],
        })
        return
    }
  }
}

function createIndex(index: IndexSpec) {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: index.fields.map(([Name, dir]) => ({ Name, Direction: direction(dir) })),
      MgoIsUnique: index.unique,
    },
  }
}

function codeFunc(fn: FunctionSpec) {
  return {
    name: fn.name,
    runtime: RUNTIME,
    handler: 'index.main',
    installDependency: true,
    // Wait for the cloud's npm install, so the config update that follows finds it Active.
    isWaitInstall: true,
    ignore: IGNORE,
  }
}
