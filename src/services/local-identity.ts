// H5 only: which demo user the local cloud should run the functions as. The local cloud lists
// its demo identities at GET /cloud/users; the choice is remembered in storage and defaults to
// the first consumer. On weapp none of this runs: WeChat itself says who the caller is.
import Taro from '@tarojs/taro'
import type { Role } from '@/domain/user'
import { IDENTITY_STORAGE_KEY } from './first-screen-boot'

export interface LocalUser {
  openid: string
  name: string
  role: Role
}

let usersPromise: Promise<LocalUser[]> | undefined
let chosen: string | undefined
const listeners = new Set<(openid: string) => void>()
const loadedListeners = new Set<() => void>()

function isLocalUser(value: unknown): value is LocalUser {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.openid === 'string' && typeof v.name === 'string' && typeof v.role === 'string'
}

function isUserList(body: unknown): body is LocalUser[] {
  return Array.isArray(body) && body.length > 0 && body.every(isLocalUser)
}

async function fetchUsers(started?: Promise<unknown>): Promise<LocalUser[]> {
  // index.html's script asked already (first-screen-boot.ts); its answer, unless it failed.
  const early = await started
  if (isUserList(early)) return early
  const res = await fetch(`${LOCAL_CLOUD_BASE}/users`)
  if (!res.ok) throw new Error(`GET ${LOCAL_CLOUD_BASE}/users answered HTTP ${res.status}`)
  const body: unknown = await res.json()
  if (!isUserList(body)) {
    throw new Error(`GET ${LOCAL_CLOUD_BASE}/users answered an unexpected body`)
  }
  return body
}

/**
 * The demo identities, fetched once (or taken from `started`, index.html's request for them); a
 * failed fetch is retried on the next call.
 */
export function loadLocalUsers(started?: Promise<unknown>): Promise<LocalUser[]> {
  if (!usersPromise) {
    usersPromise = fetchUsers(started).then(
      (users) => {
        loadedListeners.forEach((listener) => listener())
        return users
      },
      (error: unknown) => {
        usersPromise = undefined
        throw error
      },
    )
  }
  return usersPromise
}

/** The openid to call the local cloud as: the remembered choice if still offered, else the first consumer. */
export async function currentLocalOpenid(): Promise<string> {
  const users = await loadLocalUsers()
  const remembered = chosen ?? (Taro.getStorageSync<string>(IDENTITY_STORAGE_KEY) || undefined)
  const user =
    users.find((u) => u.openid === remembered) ??
    users.find((u) => u.role === 'consumer') ??
    users[0]
  chosen = user.openid
  return user.openid
}

/** Switches identity, remembers it, and tells every listener (pages reload their data). */
export function chooseLocalOpenid(openid: string): void {
  if (openid === chosen) return
  chosen = openid
  Taro.setStorageSync(IDENTITY_STORAGE_KEY, openid)
  listeners.forEach((listener) => listener(openid))
}

export function onLocalIdentityChange(listener: (openid: string) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Called once the identities arrive, e.g. when a retry reaches a local cloud that was down. */
export function onLocalUsersLoaded(listener: () => void): () => void {
  loadedListeners.add(listener)
  return () => {
    loadedListeners.delete(listener)
  }
}
