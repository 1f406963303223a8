// tools/check-weapp.ts (npm run check:weapp): argument building and error parsing for WeChat's
// compilers, the real wcsc/wcc on tiny folders, the ES-level parse and the DevTools checks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { esYear, loadWeappTargets } from '../../config/weapp-targets'
import { compileStyles, compileTemplates, listFiles } from '../../tools/check-weapp'
import {
  compilerBinary,
  formatIssue,
  parseCompilerOutput,
  snippetAt,
  wccArgs,
  wcscArgs,
} from '../../tools/weapp-check/compilers'
import { checkEsSyntax } from '../../tools/weapp-check/es-syntax'
import {
  checkAppJson,
  checkFunctionConfig,
  checkProjectConfig,
  compareVersions,
  isSevenFieldCron,
} from '../../tools/weapp-check/project'

describe('compiler arguments', () => {
  test('wcsc: -db -pc <page/component count> then those files first', () => {
    expect(wcscArgs(['pages/a/index.wxss'], ['app.wxss', 'common.wxss'])).toEqual([
      '-db',
      '-pc',
      '1',
      'pages/a/index.wxss',
      'app.wxss',
      'common.wxss',
    ])
  })

  test('wcc: -d -cc "<component list>" wxml... wxs... -gn $gwx', () => {
    expect(
      wccArgs(
        ['pages/a/index.wxml', 'base.wxml'],
        ['utils.wxs'],
        [{ wxml: 'pages/a/index.wxml', names: ['comp', 'x'] }],
      ),
    ).toEqual([
      '-d',
      '-cc',
      '1 pages/a/index.wxml 2 comp x',
      'pages/a/index.wxml',
      'base.wxml',
      'utils.wxs',
      '-gn',
      '$gwx',
    ])
    expect(wccArgs(['a.wxml'], [])[2]).toBe('0')
  })

  test('the binary for each platform the package ships', () => {
    expect(compilerBinary('wcsc', '/p', 'linux', 'x64')).toBe('/p/bin/linux/wcsc')
    expect(compilerBinary('wcc', '/p', 'darwin', 'arm64')).toBe('/p/bin/mac/wcc')
    expect(compilerBinary('wcc', '/p', 'win32', 'x64')).toBe('/p/bin/windows/wcc.exe')
    expect(() => compilerBinary('wcc', '/p', 'linux', 'arm64')).toThrow(/linux-arm64/)
  })
})

describe('compiler output parsing', () => {
  test('wcsc: file, line, column and the token', () => {
    const out =
      'ERR: merchant/pages/appointments/index.wxss(1:624): error at token `*`\n\nerror file count: 0\n'
    expect(parseCompilerOutput('wcsc', out)).toEqual([
      {
        tool: 'wcsc',
        file: 'merchant/pages/appointments/index.wxss',
        line: 1,
        column: 624,
        token: '*',
        message: 'error at token `*`',
      },
    ])
  })

  test('wcc: wxml and wxs errors', () => {
    const [wxml] = parseCompilerOutput('wcc', 'pages/a.wxml:4:1: unexpected character `<`')
    expect(wxml).toMatchObject({ file: 'pages/a.wxml', line: 4, column: 1, token: '<' })
    const [wxs] = parseCompilerOutput('wcc', 'utils.wxs:1:12:Unexpected token `.`')
    expect(wxs).toMatchObject({ file: 'utils.wxs', line: 1, column: 12, token: '.' })
    expect(formatIssue(wxs)).toBe('utils.wxs:1:12: wcc: Unexpected token `.`')
  })

  test('a missing import names the importing file', () => {
    const out = 'ERR: path `./common.wxss` not found from `app.wxss`.\n'
    expect(parseCompilerOutput('wcsc', out)).toEqual([
      {
        tool: 'wcsc',
        file: 'app.wxss',
        token: './common.wxss',
        message: 'path `./common.wxss` not found from `app.wxss`.',
      },
    ])
  })

  test('anything else is kept as it is', () => {
    expect(parseCompilerOutput('wcc', 'something odd')).toEqual([
      { tool: 'wcc', file: '?', message: 'something odd' },
    ])
  })

  test('snippet marks the column', () => {
    expect(snippetAt('.a{}\n.b > *{flex:1}', 2, 6)).toBe('.b > »*«{flex:1}')
  })
})

describe('the real compilers', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'check-weapp-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('wcsc rejects a `*` selector, naming the file, the line and the token', () => {
    writeFileSync(join(dir, 'good.wxss'), '.b { color: blue }\n')
    writeFileSync(join(dir, 'bad.wxss'), '.x { color: red }\n.a > * { color: red }\n')
    const issues = compileStyles(dir, listFiles(dir))
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ tool: 'wcsc', file: 'bad.wxss', line: 2, token: '*' })
  })

  test('wcsc passes valid styles, imports included', () => {
    writeFileSync(join(dir, 'common.wxss'), '.b { color: blue }\n')
    writeFileSync(join(dir, 'app.wxss'), '@import "./common.wxss";\n.a > .c { color: red }\n')
    expect(compileStyles(dir, listFiles(dir))).toEqual([])
  })

  test('wcc rejects an unclosed tag and passes a valid template', () => {
    writeFileSync(join(dir, 'good.wxml'), '<view>{{a}}</view>\n')
    expect(compileTemplates(dir, listFiles(dir))).toEqual([])
    writeFileSync(join(dir, 'bad.wxml'), '<view>\n<text>hi</text>\n<view></text>\n</view>\n')
    const issues = compileTemplates(dir, listFiles(dir))
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ tool: 'wcc', file: 'bad.wxml', line: 3 })
  })
})

describe('ECMAScript level', () => {
  test('the targets come from config/weapp.json', () => {
    const { minBaseLibrary, esTarget } = loadWeappTargets()
    expect(minBaseLibrary).toMatch(/^\d+\.\d+\.\d+$/)
    expect(esYear(esTarget)).toBeGreaterThanOrEqual(2015)
  })

  test('optional chaining is not ES2017: file, line, column and snippet', () => {
    const issue = checkEsSyntax('var x = 1;\nvar y = a?.b;\n', 'pages/a.js', 2017)
    // acorn stops at the `.` of `?.` (column 11, 1-based).
    expect(issue).toMatchObject({ file: 'pages/a.js', line: 2, column: 11 })
    expect(issue?.snippet).toContain('a?».b')
  })

  test('plain ES2017 passes, and ?. passes at ES2020', () => {
    expect(
      checkEsSyntax('const f = async (a) => { await a; return [...a] }\n', 'a.js', 2017),
    ).toBeNull()
    expect(checkEsSyntax('var y = a?.b ?? c;\n', 'a.js', 2020)).toBeNull()
  })

  test('object spread is ES2018', () => {
    expect(checkEsSyntax('var o = { ...p };\n', 'a.js', 2017)).not.toBeNull()
  })
})

describe('DevTools readiness', () => {
  const good = {
    appid: 'touristappid',
    miniprogramRoot: 'dist/weapp/',
    cloudfunctionRoot: 'cloudfunctions/',
    libVersion: '3.7.12',
    setting: { minified: true },
  }

  test('versions compare numerically', () => {
    expect(compareVersions('2.32.3', '2.9.0')).toBe(1)
    expect(compareVersions('3.7.12', '3.7.12')).toBe(0)
    expect(compareVersions('2.10.1', '2.32.3')).toBe(-1)
  })

  test('project.config.json', () => {
    expect(checkProjectConfig(good, '2.32.3')).toEqual([])
    const keys = checkProjectConfig(
      {
        ...good,
        appid: 'wx_a_real_appid',
        libVersion: '2.30.0',
        miniprogramRoot: 'dist/',
        setting: { minified: false },
      },
      '2.32.3',
    ).map((p) => `${p.file}: ${p.key}`)
    expect(keys).toEqual([
      'project.config.json: appid',
      'project.config.json: miniprogramRoot',
      'project.config.json: libVersion',
      'project.config.json: setting.minified',
    ])
  })

  test('cloud function config.json', () => {
    const file = 'cloudfunctions/message/config.json'
    const ok = {
      permissions: { openapi: ['subscribeMessage.send'] },
      timeout: 20,
      triggers: [{ name: 'drain', type: 'timer', config: '0 */5 * * * * *' }],
    }
    expect(checkFunctionConfig(JSON.stringify(ok), file)).toEqual([])
    expect(checkFunctionConfig('{"permissions": ', file)[0]).toMatchObject({
      file,
      key: '(root)',
    })
    const bad = {
      permission: {},
      permissions: { openapi: 'subscribeMessage.send' },
      timeout: 0,
      triggers: [{ name: 'drain', type: 'timer', config: '*/5 * * * *' }],
    }
    expect(checkFunctionConfig(JSON.stringify(bad), file).map((p) => p.key)).toEqual([
      'permission',
      'permissions.openapi',
      'triggers[0].config',
      'timeout',
    ])
    expect(isSevenFieldCron('0 0 9 * * * *')).toBe(true)
    expect(isSevenFieldCron('0 9 * * *')).toBe(false)
  })

  test('app.json', () => {
    const files = new Set(
      ['pages/index/index', 'pages/mine/index', 'sub/pages/a/index', 'custom-tab-bar/index']
        .flatMap((p) => ['.js', '.json', '.wxml'].map((ext) => p + ext))
        .filter((f) => f !== 'sub/pages/a/index.wxml'),
    )
    const app = {
      pages: ['pages/index/index', 'pages/mine/index'],
      subPackages: [{ root: 'sub', pages: ['pages/a/index'] }],
      tabBar: {
        custom: true,
        list: [{ pagePath: 'pages/index/index' }, { pagePath: 'sub/pages/a/index' }],
      },
      __usePrivacyCheck__: 'true',
      components: ['x'],
    }
    const problems = checkAppJson(app, (f) => files.has(f), 'dist/weapp/app.json')
    expect(problems.map((p) => `${p.file}: ${p.key}`)).toEqual([
      'dist/weapp/app.json: subPackages[0].pages[0]',
      'dist/weapp/app.json: tabBar.list[1].pagePath',
      'dist/weapp/app.json: __usePrivacyCheck__',
      'dist/weapp/app.json: components',
    ])
    expect(problems[0].message).toContain('sub/pages/a/index.wxml')
    files.delete('custom-tab-bar/index.js')
    const fixed = {
      ...app,
      subPackages: [],
      tabBar: { custom: true, list: app.tabBar.list.slice(0, 1).concat(app.tabBar.list[0]) },
      __usePrivacyCheck__: true,
      components: undefined,
    }
    delete fixed.components
    expect(checkAppJson(fixed, (f) => files.has(f)).map((p) => p.key)).toEqual(['tabBar.custom'])
  })
})
