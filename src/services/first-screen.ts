// H5 only: the launch page's cloud read starts as the app starts, beside the download of the
// page's chunk, instead of after the page's first render (docs/benchmarks.md, H5 first screen).
// The page's useCloud takes that answer for its first load, once; every later load calls afresh.
// On weapp nothing starts early: app.ts calls this only in the H5 build.
import type { Contract } from '@/domain/api/contract'
import { userApi } from '@/domain/api/user'
import type { Result } from '@/domain/result'
import { HOME_PAGE } from '@/routes'
import { callCloud } from './cloud'

/** The payload-free read each launch page makes first. */
const FIRST_READS: Record<string, Contract> = { [HOME_PAGE]: userApi.home }

const early = new Map<Contract, Promise<Result<unknown>>>()

/** The page the H5 address opens: the hash router's path, or the first page (home) without one. */
function launchPage(): string {
  const path = window.location.hash.replace(/^#/, '').split('?')[0]
  return path === '' || path === '/' ? HOME_PAGE : path
}

export function startFirstScreenRead(): void {
  const contract = FIRST_READS[launchPage()]
  if (contract) early.set(contract, callCloud(contract))
}

/** The answer started at launch for `contract`, handed out once (undefined: none or taken). */
export function takeFirstScreenRead(contract: Contract): Promise<Result<unknown>> | undefined {
  const answer = early.get(contract)
  early.delete(contract)
  return answer
}
