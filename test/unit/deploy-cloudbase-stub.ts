// Replaces @cloudbase/manager-node's lowest request layer (lib/utils/http-request `fetch`,
// which every CloudService.request signs and sends through) with a recorder that answers like
// Tencent Cloud's API 3.0 ({Response: {...}}). The SDK's own code above it runs unchanged.
// The canned answers follow the SDK's type definitions; they were not captured from real servers.

// eslint-disable-next-line @typescript-eslint/no-var-requires
const http = require('@cloudbase/manager-node/lib/utils/http-request')

export interface Call {
  service: string
  action: string
  version: string
  body: Record<string, unknown>
  authorization: string
}

export type Answer = (call: Call) => Record<string, unknown> | undefined

export const ENV_ID = 'prod-1a2b'
export const BUCKET = `6465-${ENV_ID}-1250000000`

const ENV_INFO = {
  EnvInfo: {
    EnvBaseInfo: {
      EnvId: ENV_ID,
      Databases: [{ InstanceId: 'tnt-db' }],
      Storages: [{ Region: 'ap-shanghai', Bucket: BUCKET }],
      Functions: [{ Namespace: ENV_ID }],
    },
  },
}

/** Installs the recorder; `answer` gives the Response for a call (undefined: `{}`). */
export function stubManagerRequests(answer: Answer): { calls: Call[]; restore: () => void } {
  const calls: Call[] = []
  const spy = jest
    .spyOn(http, 'fetch')
    .mockImplementation(async (url: unknown, config: unknown) => {
      const { headers, body } = config as { headers: Record<string, string>; body: string }
      const call: Call = {
        service: new URL(String(url)).host.split('.')[0],
        action: headers['X-TC-Action'],
        version: headers['X-TC-Version'],
        body: JSON.parse(body),
        authorization: headers.Authorization,
      }
      calls.push(call)
      if (call.action === 'DescribeEnvInfo')
        return { Response: { RequestId: 'r-env', ...ENV_INFO } }
      return { Response: { RequestId: `r-${calls.length}`, ...(answer(call) ?? {}) } }
    })
  return { calls, restore: () => spy.mockRestore() }
}

export const vendorError = (Code: string, Message: string) => ({ Error: { Code, Message } })
