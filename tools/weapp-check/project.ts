// What WeChat DevTools and the upload validate before the code ever runs: project.config.json,
// each cloud function's config.json and the built app.json. Pure functions over parsed JSON (and
// a file-exists callback), each problem naming the file and the key.

export interface Problem {
  file: string
  key: string
  message: string
}

export const formatProblem = (p: Problem, prefix = ''): string =>
  `${prefix}${p.file}: ${p.key}: ${p.message}`

/** -1, 0 or 1 for dotted versions ("2.32.3" vs "3.7.12"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** project.config.json as the repository must ship it (DevTools reads it on import/upload). */
export function checkProjectConfig(
  config: unknown,
  minBaseLibrary: string,
  file = 'project.config.json',
): Problem[] {
  const problems: Problem[] = []
  const p = (key: string, message: string) => problems.push({ file, key, message })
  if (!isObject(config)) return [{ file, key: '(root)', message: 'not a JSON object' }]
  if (config.appid !== 'touristappid')
    p(
      'appid',
      `is ${JSON.stringify(config.appid)}; commit "touristappid" (a real appid goes in project.private.config.json)`,
    )
  if (config.miniprogramRoot !== 'dist/weapp/')
    p('miniprogramRoot', `is ${JSON.stringify(config.miniprogramRoot)}, expected "dist/weapp/"`)
  if (config.cloudfunctionRoot !== 'cloudfunctions/')
    p(
      'cloudfunctionRoot',
      `is ${JSON.stringify(config.cloudfunctionRoot)}, expected "cloudfunctions/"`,
    )
  if (typeof config.libVersion !== 'string' || !/^\d+\.\d+\.\d+$/.test(config.libVersion))
    p('libVersion', `is ${JSON.stringify(config.libVersion)}, expected a base library version`)
  else if (compareVersions(config.libVersion, minBaseLibrary) < 0)
    p(
      'libVersion',
      `${config.libVersion} is below the minimum base library ${minBaseLibrary} (config/weapp.json)`,
    )
  const setting = config.setting
  if (!isObject(setting)) p('setting', 'missing')
  else if (setting.minified !== true)
    p('setting.minified', `is ${JSON.stringify(setting.minified)}; uploads must be minified (true)`)
  return problems
}

const FUNCTION_CONFIG_KEYS = new Set([
  'permissions',
  'triggers',
  'timeout',
  'envVariables',
  'memorySize',
  'runtime',
  'installDependency',
])

/** True for a 7-field cron (second minute hour day month weekday year), as timer triggers use. */
export function isSevenFieldCron(expr: unknown): boolean {
  if (typeof expr !== 'string') return false
  const fields = expr.trim().split(/\s+/)
  return fields.length === 7 && fields.every((f) => /^[\d*/,\-?LW#A-Za-z]+$/.test(f))
}

/** cloudfunctions/<fn>/config.json: valid JSON with only keys the cloud knows. */
export function checkFunctionConfig(text: string, file: string): Problem[] {
  let config: unknown
  try {
    config = JSON.parse(text)
  } catch (error) {
    return [{ file, key: '(root)', message: `invalid JSON: ${(error as Error).message}` }]
  }
  if (!isObject(config)) return [{ file, key: '(root)', message: 'not a JSON object' }]
  const problems: Problem[] = []
  const p = (key: string, message: string) => problems.push({ file, key, message })
  for (const key of Object.keys(config))
    if (!FUNCTION_CONFIG_KEYS.has(key))
      p(key, `unknown key (known: ${[...FUNCTION_CONFIG_KEYS].join(', ')})`)
  const { permissions, triggers, timeout } = config
  if (permissions !== undefined) {
    if (!isObject(permissions)) p('permissions', 'must be an object')
    else {
      for (const key of Object.keys(permissions))
        if (key !== 'openapi') p(`permissions.${key}`, 'unknown key (known: openapi)')
      const openapi = permissions.openapi
      if (
        openapi !== undefined &&
        !(
          Array.isArray(openapi) &&
          openapi.every((api) => typeof api === 'string' && /^\w+\.\w+$/.test(api))
        )
      )
        p(
          'permissions.openapi',
          'must be a list of "module.method" names, e.g. "subscribeMessage.send"',
        )
    }
  }
  if (triggers !== undefined) {
    if (!Array.isArray(triggers)) p('triggers', 'must be a list')
    else {
      if (triggers.length > 1) p('triggers', `${triggers.length} triggers; a function may have one`)
      triggers.forEach((trigger: unknown, i) => {
        const key = `triggers[${i}]`
        if (!isObject(trigger)) return p(key, 'must be an object')
        for (const k of Object.keys(trigger))
          if (!['name', 'type', 'config'].includes(k))
            p(`${key}.${k}`, 'unknown key (known: name, type, config)')
        if (typeof trigger.name !== 'string' || !trigger.name) p(`${key}.name`, 'missing')
        if (trigger.type !== 'timer')
          p(`${key}.type`, `is ${JSON.stringify(trigger.type)}, expected "timer"`)
        if (!isSevenFieldCron(trigger.config))
          p(
            `${key}.config`,
            `${JSON.stringify(trigger.config)} is not a 7-field cron (second minute hour day month weekday year)`,
          )
      })
    }
  }
  if (
    timeout !== undefined &&
    !(Number.isInteger(timeout) && (timeout as number) >= 1 && (timeout as number) <= 60)
  )
    p('timeout', `${JSON.stringify(timeout)} must be whole seconds from 1 to 60`)
  return problems
}

interface AppJson {
  pages?: unknown
  subPackages?: unknown
  subpackages?: unknown
  tabBar?: unknown
  __usePrivacyCheck__?: unknown
  components?: unknown
}

const PAGE_FILES = ['.js', '.json', '.wxml']

/**
 * The built app.json as WeChat validates it. `exists` answers for paths relative to the build
 * folder (e.g. "merchant/pages/board/index.wxml").
 */
export function checkAppJson(
  app: unknown,
  exists: (relativePath: string) => boolean,
  file = 'app.json',
): Problem[] {
  if (!isObject(app)) return [{ file, key: '(root)', message: 'not a JSON object' }]
  const { pages, tabBar, __usePrivacyCheck__: privacy } = app as AppJson
  const problems: Problem[] = []
  const p = (key: string, message: string) => problems.push({ file, key, message })
  const main = Array.isArray(pages)
    ? pages.filter((page): page is string => typeof page === 'string')
    : []
  if (!Array.isArray(pages) || pages.length === 0) p('pages', 'must list at least one page')
  const missingFiles = (key: string, page: string) => {
    const lost = PAGE_FILES.filter((ext) => !exists(`${page}${ext}`))
    if (lost.length) p(key, `page "${page}" has no ${lost.map((ext) => page + ext).join(', ')}`)
  }
  main.forEach((page, i) => missingFiles(`pages[${i}]`, page))
  const subKey = app.subPackages !== undefined ? 'subPackages' : 'subpackages'
  const subs = app.subPackages ?? app.subpackages ?? []
  if (!Array.isArray(subs)) p(subKey, 'must be a list')
  else
    subs.forEach((sub: unknown, i) => {
      if (!isObject(sub) || typeof sub.root !== 'string' || !Array.isArray(sub.pages))
        return p(`${subKey}[${i}]`, 'needs root and pages')
      const root = sub.root.replace(/\/$/, '')
      sub.pages.forEach((page: unknown, j) =>
        missingFiles(`${subKey}[${i}].pages[${j}]`, `${root}/${page}`),
      )
    })
  if (tabBar !== undefined) {
    if (!isObject(tabBar) || !Array.isArray(tabBar.list)) p('tabBar.list', 'missing')
    else {
      tabBar.list.forEach((item: unknown, i) => {
        const pagePath = isObject(item) ? item.pagePath : undefined
        if (typeof pagePath !== 'string' || !main.includes(pagePath))
          p(
            `tabBar.list[${i}].pagePath`,
            `${JSON.stringify(pagePath)} is not in pages (tab pages must be in the main package)`,
          )
      })
      if (tabBar.list.length < 2 || tabBar.list.length > 5)
        p('tabBar.list', `has ${tabBar.list.length} items; WeChat needs 2 to 5`)
      if (tabBar.custom === true)
        for (const ext of PAGE_FILES)
          if (!exists(`custom-tab-bar/index${ext}`))
            p('tabBar.custom', `is true but custom-tab-bar/index${ext} is missing`)
    }
  }
  if (typeof privacy !== 'boolean')
    p('__usePrivacyCheck__', `is ${JSON.stringify(privacy)}, must be a boolean`)
  if ('components' in app)
    p('components', 'must not be in app.json (it belongs to the native-components build only)')
  return problems
}
