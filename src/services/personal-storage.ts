// Device storage for what belongs to one person: the last address used, the simulated privacy
// consent. On weapp the storage is already per WeChat account. In H5 local mode the demo
// identities share one browser, so each key carries the identity: switching to customer B must
// not start with A's address, nor with A's consent.
import Taro from '@tarojs/taro'
import { currentLocalOpenid } from './local-identity'

async function keyFor(key: string): Promise<string> {
  if (process.env.TARO_ENV !== 'h5') return key
  return `${key}.${await currentLocalOpenid()}`
}

export async function readPersonal(key: string): Promise<unknown> {
  return Taro.getStorageSync(await keyFor(key))
}

export async function writePersonal(key: string, value: unknown): Promise<void> {
  Taro.setStorageSync(await keyFor(key), value)
}

export async function removePersonal(key: string): Promise<void> {
  Taro.removeStorageSync(await keyFor(key))
}
