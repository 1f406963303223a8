// H5: one module per Taro component. Taro's React adapter (@tarojs/components/lib/react) defines
// every component in one module, so each page chunk that imports View also carried the picker,
// input, textarea, button… any page used. Here each component is its own module behind a
// side-effect-free index, and webpack puts in a chunk only the components its pages import.
// The modules are written from the adapter itself, so they follow Taro's version.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const { resolve } = createRequire(__filename)
const ADAPTER = '@tarojs/components/lib/react/components.js'
const WRAPPER =
  /^const (\w+) = \/\*@__PURE__\*\/ createReactComponent\(('[\w-]+'), undefined, manipulatePropsFunction, (\w+)\);$/gm

function componentModule(name: string, tag: string, define: string): string {
  return [
    `import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js'`,
    `import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js'`,
    `import { ${define} } from '@tarojs/components/dist/components'`,
    `export const ${name} = /*@__PURE__*/ createReactComponent(${tag}, undefined, manipulatePropsFunction, ${define})`,
    '',
  ].join('\n')
}

/**
 * Writes `content` unless the file already holds it, through a renamed temporary file: another
 * build (`npm start` beside a test build) reading it meanwhile sees it whole, old or new.
 */
function writeIfChanged(file: string, content: string) {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, content)
  renameSync(temporary, file)
}

/** Writes the modules into `dir` and returns the index, for the `@tarojs/components$` alias. */
export function writeH5ComponentModules(dir: string): string {
  const adapterFile = resolve(ADAPTER)
  const source = readFileSync(adapterFile, 'utf8')
  const exported = /^export \{ ([^}]+) \};$/m.exec(source)?.[1].split(', ') ?? []
  const wrappers = [...source.matchAll(WRAPPER)]
  const covered = new Set(['Block', ...wrappers.map((match) => match[1])])
  const missed = exported.filter((name) => !covered.has(name))
  if (exported.length === 0 || missed.length > 0)
    throw new Error(
      `config/h5-components.ts: ${adapterFile} no longer has the shape this build splits ` +
        `(not recognised: ${missed.join(', ') || 'its export list'}). Update WRAPPER.`,
    )

  mkdirSync(dir, { recursive: true })
  const index = ["export { Fragment as Block } from 'react'"]
  for (const [, name, tag, define] of wrappers) {
    writeIfChanged(join(dir, `${name}.js`), componentModule(name, tag, define))
    index.push(`export { ${name} } from './${name}.js'`)
  }
  writeIfChanged(join(dir, 'index.js'), index.join('\n') + '\n')
  // Lets webpack skip the index and take only the component modules a chunk uses.
  writeIfChanged(join(dir, 'package.json'), '{ "sideEffects": false }\n')
  return join(dir, 'index.js')
}

/** Where the build writes them: beside the installed packages, out of the source tree. */
export const H5_COMPONENTS_DIR = join(
  dirname(resolve('@tarojs/components/package.json')),
  '../../.cache/h5-components',
)
