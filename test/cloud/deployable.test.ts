// Every folder under cloudfunctions/ must upload as it is from WeChat DevTools: a built index.js
// exporting main that requires only wx-server-sdk and Node built-ins, a pinned SDK, a config.json.
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { FUNCTIONS, TIMER_TRIGGERS, type FunctionName } from '@/domain/names'
import {
  FUNCTIONS_ROOT,
  listFunctionNames,
  WX_SERVER_SDK_VERSION,
} from '../../tools/build-cloudfunctions'

const names = listFunctionNames()
const readJson = (fn: string, file: string) =>
  JSON.parse(readFileSync(join(FUNCTIONS_ROOT, fn, file), 'utf8'))

test('the deployable folders are exactly the functions the app calls', () => {
  expect(names).toEqual(Object.values(FUNCTIONS).sort())
})

describe.each(names)('cloudfunctions/%s', (fn) => {
  test('index.js is built and exports main', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(join(FUNCTIONS_ROOT, fn, 'index.js'))
    expect(typeof mod.main).toBe('function')
  })

  test('index.js requires nothing but wx-server-sdk and Node built-ins', () => {
    const source = readFileSync(join(FUNCTIONS_ROOT, fn, 'index.js'), 'utf8')
    const required = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])
    const allowed = new Set([
      'wx-server-sdk',
      ...builtinModules,
      ...builtinModules.map((m) => `node:${m}`),
    ])
    expect(required.filter((name) => !allowed.has(name))).toEqual([])
    expect(required).toContain('wx-server-sdk')
  })

  test(`package.json pins wx-server-sdk ${WX_SERVER_SDK_VERSION} exactly`, () => {
    const manifest = readJson(fn, 'package.json')
    expect(manifest.main).toBe('index.js')
    expect(manifest.dependencies).toEqual({ 'wx-server-sdk': WX_SERVER_SDK_VERSION })
  })

  test('config.json declares permissions, a timeout and well-formed timer triggers', () => {
    const config = readJson(fn, 'config.json')
    expect(Array.isArray(config.permissions?.openapi)).toBe(true)
    expect(config.timeout).toBeGreaterThanOrEqual(1)
    expect(config.timeout).toBeLessThanOrEqual(60)
    for (const trigger of config.triggers ?? []) {
      expect(trigger.type).toBe('timer')
      expect(String(trigger.config).trim().split(/\s+/)).toHaveLength(7)
    }
    expect((config.triggers ?? []).length).toBeLessThanOrEqual(1)
  })

  // WeChat refuses an openapi call the function did not declare (-604101), so every message dies.
  test('config.json declares every openapi the bundle calls', () => {
    const source = readFileSync(join(FUNCTIONS_ROOT, fn, 'index.js'), 'utf8')
    const called = [...new Set(source.match(/(?<=\.openapi\.)\w+\.\w+(?=\()/g) ?? [])]
    const declared: string[] = readJson(fn, 'config.json').permissions.openapi
    expect(called.filter((api) => !declared.includes(api))).toEqual([])
  })

  test('its timer trigger has the name the router accepts (TIMER_TRIGGERS)', () => {
    const config = readJson(fn, 'config.json')
    const named = (config.triggers ?? []).map((trigger: { name: string }) => trigger.name)
    const expected = (TIMER_TRIGGERS as Partial<Record<string, string>>)[fn]
    expect(named).toEqual(expected ? [expected] : [])
  })
})

test('the function names in code match the folders', () => {
  const fromCode: FunctionName[] = Object.values(FUNCTIONS)
  for (const fn of fromCode) expect(names).toContain(fn)
})
