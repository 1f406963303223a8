// H5 only: a few lines index.html runs as it is parsed (config/first-screen-boot-plugin.ts puts
// them in its head), before app.js has downloaded and run. They ask the local cloud for its demo
// identities and, when the address opens a launch page, make that page's first read at once, as
// the identity local-identity.ts would choose. app.ts takes both (first-screen.ts); a read made
// as another identity than the one chosen there is discarded and made again.
// No Taro here: the build config imports this module to write the script.
import type { Contract } from '../domain/api/contract'
import { userApi } from '../domain/api/user'
import { HOME_PAGE } from '../routes'

/** The payload-free read each launch page makes first. */
export const FIRST_READS: Record<string, Contract> = { [HOME_PAGE]: userApi.home }

/** Where local-identity.ts remembers the chosen demo identity (Taro's storage: `{ data }`). */
export const IDENTITY_STORAGE_KEY = 'localCloud.openid'

/** What the script leaves on `window` for app.ts. */
export interface FirstScreenBoot {
  /** GET /users's parsed body; null when it failed. */
  users: Promise<unknown>
  read?: {
    page: string
    /** The identity the read was made as; null when none could be chosen. */
    openid: Promise<string | null>
    reply: Promise<Response | null>
  }
}

const GLOBAL = '__firstScreenBoot'

/** Hands out what the script started, once (undefined: no script ran, or taken). */
export function takeFirstScreenBoot(): FirstScreenBoot | undefined {
  const holder = window as unknown as Record<string, FirstScreenBoot | undefined>
  const boot = holder[GLOBAL]
  holder[GLOBAL] = undefined
  return boot
}

/**
 * The script, for local cloud base `base`: ES5 and nothing but fetch, so it runs in any browser
 * the H5 app runs in. A failure leaves the work to app.js, as if the script had not run.
 */
export function firstScreenBootScript(base: string): string {
  const reads = Object.fromEntries(
    Object.entries(FIRST_READS).map(([page, { fn, action }]) => [page, { fn, action }]),
  )
  const constants = JSON.stringify({ base, reads, home: HOME_PAGE, key: IDENTITY_STORAGE_KEY })
  return `(function (c) {
  if (typeof fetch !== 'function' || typeof Promise !== 'function') return;
  var path = location.hash.replace(/^#/, '').split('?')[0];
  var page = path === '' || path === '/' ? c.home : path;
  var users = fetch(c.base + '/users').then(function (res) { return res.ok ? res.json() : null; })
    .then(null, function () { return null; });
  var boot = window.${GLOBAL} = { users: users };
  var read = c.reads[page];
  if (!read) return;
  var remembered = null;
  try { remembered = JSON.parse(localStorage.getItem(c.key)).data; } catch (e) {}
  var openid = users.then(function (list) {
    if (!list || !list.length) return null;
    var pick = function (test) { for (var i = 0; i < list.length; i++) if (test(list[i])) return list[i].openid; };
    return pick(function (u) { return u.openid === remembered; }) ||
      pick(function (u) { return u.role === 'consumer'; }) || list[0].openid;
  });
  boot.read = { page: page, openid: openid, reply: openid.then(function (id) {
    return id && fetch(c.base + '/invoke/' + read.fn, { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-Openid': id },
      body: JSON.stringify({ action: read.action }) });
  }).then(null, function () { return null; }) };
})(${constants});`
}
