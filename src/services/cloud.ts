// The one way pages reach the cloud. On weapp: Taro.cloud.callFunction, identity from WeChat.
// On H5: HTTP to the local cloud, as the demo user chosen in the identity switcher. Either way
// the page gets the action's envelope and never an exception: a network failure becomes
// NETWORK, anything that is not an envelope becomes INTERNAL (details go to the console).
import Taro from '@tarojs/taro'
import type { Contract, PayloadArgs, ResultOf } from '@/domain/api/contract'
import { fail, isResult, type Result } from '@/domain/result'
import { currentLocalOpenid } from './local-identity'

interface CloudEvent {
  action: string
  payload?: object
}

/**
 * Calls the contract's action of the contract's function: the payload type is what its check
 * accepts and the answer's type is what the action returns after its JSON trip.
 */
export function callCloud<C extends Contract>(
  contract: C,
  ...[payload]: PayloadArgs<C>
): Promise<Result<ResultOf<C>>> {
  return sendEvent<ResultOf<C>>(contract.fn, contract.action, payload as object | undefined)
}

/** The wire event, exactly `{ action }` or `{ action, payload }`, to the function named `fn`. */
function sendEvent<T>(fn: string, action: string, payload?: object): Promise<Result<T>> {
  const event: CloudEvent = payload === undefined ? { action } : { action, payload }
  // TARO_ENV is replaced at compile time, so each build keeps only its own branch.
  if (process.env.TARO_ENV === 'h5') return callLocalCloud<T>(fn, event)
  return callWeappCloud<T>(fn, event)
}

function envelope<T>(fn: string, event: CloudEvent, result: unknown): Result<T> {
  if (isResult(result)) return result as Result<T>
  console.error(`[cloud] ${fn}.${event.action} 返回的不是响应信封`, result)
  return fail('INTERNAL')
}

async function callWeappCloud<T>(fn: string, event: CloudEvent): Promise<Result<T>> {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { ...event } })
    return envelope<T>(fn, event, res.result)
  } catch (error) {
    console.error(`[cloud] ${fn}.${event.action} 调用失败`, error)
    const text =
      error instanceof Error
        ? error.message
        : String((error as { errMsg?: unknown })?.errMsg ?? error)
    return /request:fail|timeout|network|ERR_/i.test(text) ? fail('NETWORK') : fail('INTERNAL')
  }
}

async function callLocalCloud<T>(fn: string, event: CloudEvent): Promise<Result<T>> {
  let res: Response
  try {
    const openid = await currentLocalOpenid()
    res = await fetch(`${LOCAL_CLOUD_BASE}/invoke/${fn}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-Openid': openid },
      body: JSON.stringify(event),
    })
  } catch (error) {
    console.error(`[cloud] ${fn}.${event.action} 无法连接本地云`, error)
    return fail('NETWORK')
  }
  return readLocalReply<T>(fn, event.action, res)
}

/** H5: the envelope in the local cloud's reply to `fn`'s `action`. */
export async function readLocalReply<T>(
  fn: string,
  action: string,
  res: Response,
): Promise<Result<T>> {
  let body: unknown
  try {
    body = await res.json()
  } catch (error) {
    console.error(`[cloud] ${fn}.${action} HTTP ${res.status}，回复不是 JSON`, error)
    return fail('INTERNAL')
  }
  const reply = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  if (!res.ok || !('result' in reply)) {
    console.error(`[cloud] ${fn}.${action} HTTP ${res.status}`, reply.errCode, reply.errMsg)
    return fail('INTERNAL')
  }
  return envelope<T>(fn, { action }, reply.result)
}
