// H5 only: the launch page's cloud read, started by index.html's script (first-screen-boot.ts)
// before app.js ran, instead of after the page's first render (docs/benchmarks.md, H5 first
// screen). The page's useCloud takes that answer for its first load, once (into its first
// render when it has already come back); every later load calls afresh. On weapp nothing starts
// early: app.ts calls this only in the H5 build.
import type { Contract } from '@/domain/api/contract'
import type { Result } from '@/domain/result'
import { callCloud, readLocalReply } from './cloud'
import { FIRST_READS, type FirstScreenBoot } from './first-screen-boot'
import { currentLocalOpenid } from './local-identity'

const early = new Map<Contract, Promise<Result<unknown>>>()
const arrived = new Map<Contract, Result<unknown>>()

/** Takes the read the script made; made again if it failed or was made as another identity. */
export function startFirstScreenRead(read: FirstScreenBoot['read']): void {
  const contract = read && FIRST_READS[read.page]
  if (!read || !contract) return
  const again = () => callCloud(contract)
  const answer = Promise.all([read.reply, read.openid, currentLocalOpenid()]).then(
    ([reply, madeAs, chosen]) =>
      reply && madeAs === chosen ? readLocalReply(contract.fn, contract.action, reply) : again(),
    again,
  )
  early.set(contract, answer)
  void answer.then((result) => {
    if (early.get(contract) === answer) arrived.set(contract, result)
  })
}

/** The answer started at launch for `contract` if it has come back, handed out once. */
export function takeArrivedFirstScreenRead(contract: Contract): Result<unknown> | undefined {
  const result = arrived.get(contract)
  if (result) takeFirstScreenRead(contract)
  return result
}

/** The answer started at launch for `contract`, handed out once (undefined: none or taken). */
export function takeFirstScreenRead(contract: Contract): Promise<Result<unknown>> | undefined {
  const answer = early.get(contract)
  early.delete(contract)
  arrived.delete(contract)
  return answer
}
