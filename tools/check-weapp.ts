// npm run check:weapp — the built mini program (DIST_ROOT/weapp, dist/weapp by default) as WeChat
// will judge it, before anyone opens DevTools:
//   1. every .wxml (with the .wxs modules) compiles with WeChat's wcc, every .wxss with wcsc;
//   2. every .js parses at the ECMAScript level of config/weapp.json (esTarget);
//   3. project.config.json, cloudfunctions/*/config.json and app.json hold what DevTools and the
//      upload accept.
// Each failure names the file, the line/column (or key) and the offending token or snippet.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, posix, relative } from 'node:path'
import { loadWeappTargets, esYear } from '../config/weapp-targets'
import { FUNCTIONS_ROOT, listFunctionNames, PROJECT_ROOT } from './build-cloudfunctions'
import { weappDir } from './check-budgets'
import {
  type CompileIssue,
  type ComponentUse,
  formatIssue,
  runCompiler,
  snippetAt,
  wccArgs,
  wcscArgs,
} from './weapp-check/compilers'
import { checkEsSyntax, formatSyntaxIssue, type SyntaxIssue } from './weapp-check/es-syntax'
import {
  checkAppJson,
  checkFunctionConfig,
  checkProjectConfig,
  formatProblem,
  type Problem,
} from './weapp-check/project'

/** Files under `dir`, as posix paths relative to it, sorted. */
export function listFiles(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under))
    .flatMap((name) => {
      const rel = under ? `${under}/${name}` : name
      return statSync(join(dir, rel)).isDirectory() ? listFiles(dir, rel) : [rel]
    })
    .sort()
}

const IMPORT = /@import\s+(?:url\()?\s*["']([^"']+)["']/g

/** A .wxss file and every .wxss it @imports, transitively (wcsc resolves imports in its list). */
export function importClosure(dir: string, file: string): string[] {
  const seen = new Set<string>()
  const visit = (rel: string) => {
    if (seen.has(rel) || !existsSync(join(dir, rel))) return
    seen.add(rel)
    for (const [, target] of readFileSync(join(dir, rel), 'utf8').matchAll(IMPORT)) {
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : posix.normalize(posix.join(posix.dirname(rel), target))
      visit(resolved)
    }
  }
  visit(file)
  return [...seen]
}

const keyOf = (i: CompileIssue) => `${i.file}:${i.line}:${i.column}:${i.message}`

function dedupe(issues: CompileIssue[]): CompileIssue[] {
  const map = new Map(issues.map((i) => [keyOf(i), i]))
  return [...map.values()]
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

/** wcc over all templates at once (as DevTools does), then one by one to name every bad file. */
export function compileTemplates(dir: string, files: string[]): CompileIssue[] {
  const wxml = files.filter((f) => f.endsWith('.wxml'))
  const wxs = files.filter((f) => f.endsWith('.wxs'))
  const components: ComponentUse[] = wxml.flatMap((f) => {
    const json = readJson(join(dir, f.replace(/\.wxml$/, '.json'))) as
      { usingComponents?: Record<string, string> } | undefined
    const names = Object.keys(json?.usingComponents ?? {})
    return names.length ? [{ wxml: f, names }] : []
  })
  const all = runCompiler('wcc', wccArgs(wxml, wxs, components), dir)
  const each = wxml.flatMap((f) => runCompiler('wcc', wccArgs([f], wxs), dir).issues)
  return dedupe([...each, ...all.issues])
}

/** wcsc over all styles at once, then each with its @import closure to name every bad file. */
export function compileStyles(dir: string, files: string[]): CompileIssue[] {
  const wxss = files.filter((f) => f.endsWith('.wxss'))
  const hasJson = (f: string) => existsSync(join(dir, f.replace(/\.wxss$/, '.json')))
  const all = runCompiler(
    'wcsc',
    wcscArgs(
      wxss.filter(hasJson),
      wxss.filter((f) => !hasJson(f)),
    ),
    dir,
  )
  const each = wxss.flatMap((f) => {
    const closure = importClosure(dir, f)
    return runCompiler('wcsc', wcscArgs([], closure), dir).issues
  })
  return dedupe([...each, ...all.issues])
}

export function checkScripts(dir: string, files: string[], year: number): SyntaxIssue[] {
  return files
    .filter((f) => f.endsWith('.js'))
    .flatMap((f) => checkEsSyntax(readFileSync(join(dir, f), 'utf8'), f, year) ?? [])
}

export function checkDevtoolsReadiness(dir: string, minBaseLibrary: string): Problem[] {
  const problems: Problem[] = []
  const projectFile = join(PROJECT_ROOT, 'project.config.json')
  problems.push(
    ...checkProjectConfig(
      readJson(projectFile),
      minBaseLibrary,
      relative(PROJECT_ROOT, projectFile),
    ),
  )
  for (const fn of listFunctionNames()) {
    const path = join(FUNCTIONS_ROOT, fn, 'config.json')
    const file = relative(PROJECT_ROOT, path)
    if (!existsSync(path)) problems.push({ file, key: '(file)', message: 'missing' })
    else problems.push(...checkFunctionConfig(readFileSync(path, 'utf8'), file))
  }
  const appFile = join(dir, 'app.json')
  problems.push(
    ...checkAppJson(
      readJson(appFile),
      (rel) => existsSync(join(dir, rel)),
      relative(PROJECT_ROOT, appFile),
    ),
  )
  return problems
}

function main(): void {
  const started = Date.now()
  const dir = weappDir()
  const shown = relative(PROJECT_ROOT, dir)
  if (!existsSync(join(dir, 'app.json'))) {
    console.error(`缺少 ${shown}：先运行 npm run build:weapp`)
    process.exit(1)
  }
  const { minBaseLibrary, esTarget } = loadWeappTargets()
  const year = esYear(esTarget)
  const files = listFiles(dir)
  const count = (ext: string) => files.filter((f) => f.endsWith(ext)).length
  const failures: string[] = []

  const source = (issue: CompileIssue) => {
    const path = join(dir, issue.file)
    if (issue.line === undefined || !existsSync(path)) return ''
    const excerpt = snippetAt(readFileSync(path, 'utf8'), issue.line, issue.column ?? 1)
    return excerpt ? `\n    ${excerpt}` : ''
  }
  const compileIssues = [...compileTemplates(dir, files), ...compileStyles(dir, files)]
  for (const issue of compileIssues)
    failures.push(formatIssue({ ...issue, file: `${shown}/${issue.file}` }, '  ') + source(issue))
  console.log(
    `wcc:  ${count('.wxml')} .wxml + ${count('.wxs')} .wxs; wcsc: ${count('.wxss')} .wxss; ` +
      `${compileIssues.length} error(s)`,
  )

  const syntaxIssues = checkScripts(dir, files, year)
  for (const issue of syntaxIssues)
    failures.push(formatSyntaxIssue({ ...issue, file: `${shown}/${issue.file}` }, year, '  '))
  console.log(`ES${year}: ${count('.js')} .js parsed; ${syntaxIssues.length} with newer syntax`)

  const problems = checkDevtoolsReadiness(dir, minBaseLibrary)
  for (const problem of problems) failures.push(formatProblem(problem, '  '))
  console.log(
    `DevTools: project.config.json, ${listFunctionNames().length} cloudfunctions/*/config.json, ` +
      `${shown}/app.json; ${problems.length} problem(s) (minimum base library ${minBaseLibrary})`,
  )

  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (failures.length) {
    console.error(
      `\ncheck:weapp failed (${failures.length}, ${seconds} s):\n${failures.join('\n')}`,
    )
    process.exit(1)
  }
  console.log(`\ncheck:weapp passed in ${seconds} s.`)
}

if (/check-weapp\.ts$/.test(process.argv[1] ?? '')) main()
