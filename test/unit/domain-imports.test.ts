// src/domain has no import cycle, type-only imports included (ESLint's import/no-cycle skips
// those): each module can be read, tested and moved on its own, and a new rule finds its place
// below the modules it uses.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const DOMAIN = resolve(__dirname, '../../src/domain')

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return modules(path)
    return name.endsWith('.ts') ? [path] : []
  })
}

/** The domain modules a file imports (relative or `@/domain/...`, values and types alike). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'/g)].map((match) => match[1])
  return specifiers.flatMap((spec) => {
    const base = spec.startsWith('@/domain/')
      ? join(DOMAIN, spec.slice('@/domain/'.length))
      : spec.startsWith('.')
        ? resolve(dirname(file), spec)
        : null
    if (!base) return []
    const candidates = [`${base}.ts`, join(base, 'index.ts')]
    return candidates.filter((path) => path.startsWith(DOMAIN) && safeIsFile(path))
  })
}

function safeIsFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The first cycle found, as a list of files, or null. */
export function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node]
    state.set(node, 'visiting')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(node, 'done')
    return null
  }
  for (const node of graph.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return null
}

test('the cycle finder finds a cycle of three and none in a chain', () => {
  const graph = (edges: [string, string][]) => {
    const map = new Map<string, string[]>()
    for (const [from, to] of edges) map.set(from, [...(map.get(from) ?? []), to])
    return map
  }
  expect(
    findCycle(
      graph([
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ]),
    ),
  ).toEqual(['a', 'b', 'c', 'a'])
  expect(
    findCycle(
      graph([
        ['a', 'b'],
        ['b', 'c'],
      ]),
    ),
  ).toBeNull()
})

test('src/domain imports form no cycle', () => {
  const files = modules(DOMAIN)
  const graph = new Map(files.map((file) => [file, importsOf(file)]))
  expect(graph.size).toBeGreaterThan(30)
  const cycle = findCycle(graph)
  expect(cycle?.map((file) => relative(DOMAIN, file)) ?? null).toBeNull()
})
