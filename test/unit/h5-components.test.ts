// config/h5-components.ts: the H5 build's one-module-per-component index must offer every
// component Taro's React adapter offers, each wrapping the same custom element.
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeH5ComponentModules } from '../../config/h5-components'

const ADAPTER = createRequire(__filename).resolve('@tarojs/components/lib/react/components.js')
const adapterExports = () =>
  /^export \{ ([^}]+) \};$/m.exec(readFileSync(ADAPTER, 'utf8'))![1].split(', ')

describe('H5 component modules', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'h5-components-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('the index exports every component of the adapter, each from its own module', () => {
    const index = readFileSync(writeH5ComponentModules(dir), 'utf8')
    const exported = [...index.matchAll(/export \{ (?:\w+ as )?(\w+) \}/g)].map((m) => m[1])
    expect(exported.sort()).toEqual(adapterExports().sort())
    expect(index).toContain("export { Picker } from './Picker.js'")
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toEqual({
      sideEffects: false,
    })
  })

  test('a component module wraps the same custom element as the adapter', () => {
    writeH5ComponentModules(dir)
    const view = readFileSync(join(dir, 'View.js'), 'utf8')
    expect(view).toContain(
      "createReactComponent('taro-view-core', undefined, manipulatePropsFunction, defineCustomElementTaroViewCore)",
    )
    expect(view).toContain(
      "import { defineCustomElementTaroViewCore } from '@tarojs/components/dist/components'",
    )
    expect(view).not.toMatch(/Picker|Textarea/)
  })

  test('a second build rewrites only what differs, and leaves no temporary file', () => {
    const index = writeH5ComponentModules(dir)
    const view = join(dir, 'View.js')
    const whole = readFileSync(view, 'utf8')
    const past = new Date('2020-01-01T00:00:00Z')
    utimesSync(index, past, past)
    writeFileSync(view, 'stale')
    writeH5ComponentModules(dir)
    expect(readFileSync(view, 'utf8')).toBe(whole)
    expect(statSync(index).mtime).toEqual(past)
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
