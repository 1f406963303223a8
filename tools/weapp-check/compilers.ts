// WeChat's own template and style compilers (wcc for .wxml/.wxs, wcsc for .wxss) from the
// miniprogram-compiler package, run directly: the package's JS wrapper returns an Error object for
// wcsc instead of throwing and loses the message. The argument lists are the ones the wrapper
// builds (node_modules/miniprogram-compiler/src/wcc.js, wcsc.js), which DevTools uses too.
import { spawnSync } from 'node:child_process'
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export type CompilerName = 'wcc' | 'wcsc'

/** One compile error, as precise as the compiler's message allows. */
export interface CompileIssue {
  tool: CompilerName
  /** Path as the compiler printed it (relative to the folder it ran in). */
  file: string
  line?: number
  column?: number
  /** The offending token when the message names one (`*`, `<`, `?`). */
  token?: string
  message: string
}

/** A page or component whose .json declares usingComponents (wcc's -cc component list). */
export interface ComponentUse {
  /** e.g. "pages/index/index.wxml" */
  wxml: string
  names: string[]
}

/**
 * wcsc arguments: `-db -pc <n> <files...>`; the first n files are page/component styles (those
 * with a .json next to them), listed first as the wrapper does.
 */
export function wcscArgs(componentFiles: string[], otherFiles: string[] = []): string[] {
  return ['-db', '-pc', String(componentFiles.length), ...componentFiles, ...otherFiles]
}

/**
 * wcc arguments: `-d -cc "<count> [<wxml> <n> <name...>]..." <wxml...> <wxs...> -gn $gwx`.
 * The component list is one argument, space-separated, as the wrapper passes it.
 */
export function wccArgs(wxml: string[], wxs: string[], components: ComponentUse[] = []): string[] {
  const list = [
    String(components.length),
    ...components.flatMap((c) => [c.wxml, String(c.names.length), ...c.names]),
  ]
  return ['-d', '-cc', list.join(' '), ...wxml, ...wxs, '-gn', '$gwx']
}

const TOKEN = /`([^`]*)`/

function makeIssue(
  tool: CompilerName,
  file: string,
  line: string,
  column: string,
  message: string,
) {
  const token = TOKEN.exec(message)?.[1]
  return {
    tool,
    file,
    line: Number(line),
    column: Number(column),
    ...(token !== undefined ? { token } : {}),
    message: message.trim(),
  }
}

/**
 * The errors in a compiler's output. Seen formats:
 *   wcsc: "ERR: merchant/pages/appointments/index.wxss(1:624): error at token `*`"
 *         "ERR: path `./common.wxss` not found from `app.wxss`."
 *         "missing.wxss not found"
 *   wcc:  "pages/a.wxml:4:1: unexpected character `<`"
 *         "pages/a.wxml:2:13:Unexpected token `?`" / "utils.wxs:1:12:Unexpected token `.`"
 * Anything else on a failed run comes back as one issue carrying the raw text.
 */
export function parseCompilerOutput(tool: CompilerName, output: string): CompileIssue[] {
  const issues: CompileIssue[] = []
  for (const raw of output.split(/\r?\n/)) {
    const text = raw.replace(/^ERR:\s*/, '').trim()
    if (!text || /^error file count:/i.test(text)) continue
    const wcsc = /^(.+?\.wxss)\((\d+):(\d+)\):\s*(.*)$/.exec(text)
    if (wcsc) {
      issues.push(makeIssue(tool, wcsc[1], wcsc[2], wcsc[3], wcsc[4]))
      continue
    }
    const wcc = /^(.+?\.(?:wxml|wxs)):(\d+):(\d+):\s*(.*)$/.exec(text)
    if (wcc) {
      issues.push(makeIssue(tool, wcc[1], wcc[2], wcc[3], wcc[4]))
      continue
    }
    const notFound = /^path `([^`]+)` not found from `([^`]+)`/.exec(text)
    if (notFound) {
      issues.push({ tool, file: notFound[2], token: notFound[1], message: text })
      continue
    }
    const missing = /^(\S+\.(?:wxss|wxml|wxs)) not found/.exec(text)
    if (missing) {
      issues.push({ tool, file: missing[1], message: text })
      continue
    }
    issues.push({ tool, file: '?', message: text })
  }
  return issues
}

/** "file:line:column: message (token `x`)", the form every failure is printed in. */
export function formatIssue(issue: CompileIssue, prefix = ''): string {
  const where = issue.line !== undefined ? `:${issue.line}:${issue.column}` : ''
  return `${prefix}${issue.file}${where}: ${issue.tool}: ${issue.message}`
}

/** A short single-line excerpt of `text` around line/column (1-based), the error marked by »«. */
export function snippetAt(text: string, line: number, column: number, width = 40): string {
  const lines = text.split(/\r?\n/)
  const row = lines[line - 1]
  if (row === undefined) return ''
  const at = Math.max(0, column - 1)
  const start = Math.max(0, at - width)
  const end = Math.min(row.length, at + width)
  return (
    (start > 0 ? '…' : '') +
    row.slice(start, at) +
    '»' +
    row.slice(at, at + 1) +
    '«' +
    row.slice(at + 1, end) +
    (end < row.length ? '…' : '')
  ).replace(/\s+/g, ' ')
}

/** Path of the binary inside the package for this platform, or why there is none. */
export function compilerBinary(
  tool: CompilerName,
  packageDir: string,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): string {
  if (platform === 'linux' && arch === 'x64') return join(packageDir, 'bin', 'linux', tool)
  if (platform === 'darwin') return join(packageDir, 'bin', 'mac', tool)
  if (platform === 'win32') return join(packageDir, 'bin', 'windows', `${tool}.exe`)
  throw new Error(
    `miniprogram-compiler ships ${tool} for linux-x64, macOS and Windows only, not ${platform}-${arch}`,
  )
}

export function compilerPackageDir(): string {
  return dirname(createRequire(__filename).resolve('miniprogram-compiler/package.json'))
}

/**
 * An executable copy of the binary. npm may install it without the execute bit; rather than
 * chmod a file that other checkouts may share (hard links), copy it once to the temp folder.
 */
export function executableCompiler(tool: CompilerName, packageDir = compilerPackageDir()): string {
  const binary = compilerBinary(tool, packageDir)
  if (!existsSync(binary)) throw new Error(`${binary} is missing (npm ci?)`)
  if (process.platform === 'win32') return binary
  try {
    accessSync(binary, constants.X_OK)
    return binary
  } catch {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      version: string
    }
    const dir = join(tmpdir(), `miniprogram-compiler-${version}-${process.getuid?.() ?? 0}`)
    const copy = join(dir, tool)
    if (!existsSync(copy)) {
      mkdirSync(dir, { recursive: true })
      copyFileSync(binary, copy)
      chmodSync(copy, 0o755)
    }
    return copy
  }
}

export interface CompilerRun {
  ok: boolean
  issues: CompileIssue[]
}

/** Runs one compiler over files relative to `cwd` and parses what it says. */
export function runCompiler(tool: CompilerName, args: string[], cwd: string): CompilerRun {
  const result = spawnSync(executableCompiler(tool), args, {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  })
  if (result.error) throw result.error
  if (result.status === 0) return { ok: true, issues: [] }
  const issues = parseCompilerOutput(tool, result.stderr || '')
  if (issues.length === 0)
    issues.push({
      tool,
      file: '?',
      message: `${tool} exited with ${result.status ?? result.signal}: ${(result.stderr || result.stdout || '').trim().slice(0, 500)}`,
    })
  return { ok: false, issues }
}
