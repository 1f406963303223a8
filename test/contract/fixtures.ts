// Shared bits of the contract tests: the fixture functions folder and a way to run SDK code
// inside a real cloud function (test/fixtures/cloudfunctions/script) through the runner.
import { join } from 'node:path'
import type { TestCloud } from '../helpers/local-cloud'

export const FIXTURES = join(__dirname, '..', 'fixtures', 'cloudfunctions')

export interface SdkFailure {
  errCode: number
  errMsg: string
}

/** Runs `code` (body of an async function with cloud, db, _, event in scope) in the script function. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- results are whatever the code returns
export async function runSdk<T = any>(
  cloud: TestCloud,
  code: string,
  extra: Record<string, unknown> = {},
  openid: string | null = 'o_contract',
): Promise<T> {
  const reply = (await cloud.invoke('script', { code, ...extra }, openid)) as {
    value?: T
    thrown?: SdkFailure
  }
  if (reply.thrown) throw Object.assign(new Error(reply.thrown.errMsg), reply.thrown)
  return reply.value as T
}

/** Like runSdk, but expects the SDK to throw and returns {errCode, errMsg}. */
export async function sdkFailure(
  cloud: TestCloud,
  code: string,
  extra: Record<string, unknown> = {},
): Promise<SdkFailure> {
  const reply = (await cloud.invoke('script', { code, ...extra }, 'o_contract')) as {
    value?: unknown
    thrown?: SdkFailure
  }
  if (!reply.thrown)
    throw new Error(`expected the SDK to throw, got ${JSON.stringify(reply.value)}`)
  return reply.thrown
}
