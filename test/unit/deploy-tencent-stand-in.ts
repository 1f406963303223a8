// TencentCloudStandIn: a named, stateful stand-in for the Tencent Cloud management API actions
// that tools/deploy/cloudbase.ts causes manager-node to send. Answers follow the SDK's type
// definitions and Tencent Cloud's API reference, not captured traffic. Plug it into
// stubManagerRequests; `failOnce` makes the next matching call answer a vendor error.
import { vendorError, type Call } from './deploy-cloudbase-stub'

interface Table {
  count: number
  indexes: Array<{
    Name: string
    Keys: Array<{ Name: string; Direction: string }>
    Unique: boolean
  }>
  acl: { AclTag: string; Rule?: string }
}
interface Fn {
  Timeout: number
  Description: string
  Triggers: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>
  uploads: number
}

export class TencentCloudStandIn {
  tables = new Map<string, Table>()
  storage: { AclTag: string; Rule?: string } = { AclTag: 'PRIVATE' }
  functions = new Map<string, Fn>()
  private failures: Array<{ match: (call: Call) => boolean; error: Record<string, unknown> }> = []

  failOnce(match: (call: Call) => boolean, code: string, message: string) {
    this.failures.push({ match, error: vendorError(code, message) })
  }

  answer = (call: Call): Record<string, unknown> | undefined => {
    const failure = this.failures.findIndex((f) => f.match(call))
    if (failure >= 0) return this.failures.splice(failure, 1)[0].error
    const b = call.body as Record<string, string & unknown[]>
    const table = this.tables.get(b.TableName ?? b.CollectionName)
    const fn = this.functions.get(b.FunctionName)
    switch (call.action) {
      case 'ListTables':
        return {
          Tables: [...this.tables].map(([TableName, t]) => ({ TableName, Count: t.count })),
          Pager: { Offset: 0, Limit: 100, Total: this.tables.size },
        }
      case 'DescribeTable':
        return table ? { Indexes: table.indexes } : vendorError('ResourceNotFound', 'no table')
      case 'CreateTable':
        this.tables.set(b.TableName, {
          count: 0,
          indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }],
          acl: { AclTag: 'ADMINONLY' },
        })
        return {}
      case 'UpdateTable': {
        const t = table!
        const drops = (b.DropIndexes ?? []) as Array<{ IndexName: string }>
        t.indexes = t.indexes.filter((i) => !drops.some((d) => d.IndexName === i.Name))
        type Create = {
          IndexName: string
          MgoKeySchema: { MgoIndexKeys: Table['indexes'][0]['Keys']; MgoIsUnique: boolean }
        }
        for (const c of (b.CreateIndexes ?? []) as Create[])
          t.indexes.push({
            Name: c.IndexName,
            Keys: c.MgoKeySchema.MgoIndexKeys,
            Unique: c.MgoKeySchema.MgoIsUnique,
          })
        return {}
      }
      case 'DescribeSafeRule':
        return table!.acl
      case 'ModifySafeRule':
        table!.acl = { AclTag: b.AclTag, Rule: b.Rule }
        return {}
      case 'DescribeStorageSafeRule':
        return this.storage
      case 'ModifyStorageSafeRule':
        this.storage = { AclTag: b.AclTag, Rule: b.Rule }
        return {}
      case 'ListFunctions':
        return { Functions: [...this.functions.keys()].map((FunctionName) => ({ FunctionName })) }
      case 'GetFunction':
        return fn
          ? { FunctionName: b.FunctionName, Status: 'Active', ...fn }
          : vendorError('ResourceNotFound.Function', 'no function')
      case 'CreateFunction':
        this.functions.set(b.FunctionName, {
          Timeout: Number(b.Timeout),
          Description: b.Description,
          Triggers: [],
          uploads: 1,
        })
        return {}
      case 'UpdateFunctionCode':
        fn!.uploads += 1
        return {}
      case 'UpdateFunctionConfiguration':
        Object.assign(fn!, { Timeout: Number(b.Timeout), Description: b.Description })
        return {}
      case 'BatchCreateTrigger':
        // SCF reports a timer's cron wrapped, as {"cron": ...}.
        for (const t of JSON.parse(b.Triggers) as Array<Record<string, string>>)
          fn!.Triggers.push({
            TriggerName: t.TriggerName,
            Type: t.Type,
            TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }),
          })
        return {}
      case 'DeleteTrigger':
        fn!.Triggers = fn!.Triggers.filter((t) => t.TriggerName !== b.TriggerName)
        return {}
      case 'RunCommands':
        for (const c of b.MgoCommands as Array<{ TableName: string; Command: string }>)
          this.tables.get(c.TableName)!.count += JSON.parse(c.Command).documents.length
        return {}
    }
    return vendorError('UnsupportedOperation', `stand-in has no ${call.action}`)
  }
}
