// Parses JavaScript at a fixed ECMAScript level with acorn: any newer syntax (?. ?? ??= class
// fields, ...) is a parse error, reported with its place and the code around it. This is what an
// engine of that level would do with the file at launch.
import { parse, type ecmaVersion as EcmaVersion } from 'acorn'

export interface SyntaxIssue {
  file: string
  line: number
  /** 1-based. */
  column: number
  message: string
  snippet: string
}

/** Newest-syntax check of one file; null when it parses at `year` (e.g. 2017). */
export function checkEsSyntax(code: string, file: string, year: number): SyntaxIssue | null {
  try {
    parse(code, {
      ecmaVersion: year as EcmaVersion,
      sourceType: 'script',
      allowHashBang: false,
      locations: true,
    })
    return null
  } catch (error) {
    const err = error as SyntaxError & { pos?: number; loc?: { line: number; column: number } }
    if (err.loc === undefined || err.pos === undefined) throw error
    return {
      file,
      line: err.loc.line,
      column: err.loc.column + 1,
      message: err.message.replace(/\s*\(\d+:\d+\)$/, ''),
      snippet: excerpt(code, err.pos),
    }
  }
}

/** The code around `pos` on one line, the position marked by »«. */
export function excerpt(code: string, pos: number, width = 40): string {
  const start = Math.max(0, pos - width)
  const end = Math.min(code.length, pos + width)
  return (
    (start > 0 ? '…' : '') +
    code.slice(start, pos) +
    '»' +
    code.slice(pos, pos + 2) +
    '«' +
    code.slice(pos + 2, end) +
    (end < code.length ? '…' : '')
  ).replace(/\s+/g, ' ')
}

export function formatSyntaxIssue(issue: SyntaxIssue, year: number, prefix = ''): string {
  return `${prefix}${issue.file}:${issue.line}:${issue.column}: not ES${year}: ${issue.message}\n${prefix}    ${issue.snippet}`
}
