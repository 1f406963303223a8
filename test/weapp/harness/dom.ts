// The document WeChat's component framework (exparser, through j-component and
// miniprogram-simulate) renders into. jest runs this layer in its node environment, which has
// fetch and Node's own Event; a jsdom window built here supplies the DOM. Node 20's global Event
// would hide jsdom's and break dispatch, so jsdom's event classes replace it.
import { JSDOM } from 'jsdom'

const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'Node',
  'Element',
  'HTMLElement',
  'Event',
  'CustomEvent',
  'EventTarget',
  'TouchEvent',
  'MutationObserver',
  'getComputedStyle',
] as const

let installed: JSDOM | undefined

export function installDom(): JSDOM {
  if (installed) return installed
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    pretendToBeVisual: true,
  })
  const scope = globalThis as Record<string, unknown>
  for (const name of DOM_GLOBALS) {
    const value =
      name === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[name]
    if (value === undefined) continue
    Object.defineProperty(scope, name, {
      value:
        typeof value === 'function' && name === 'getComputedStyle' ? value.bind(dom.window) : value,
      configurable: true,
      writable: true,
    })
  }
  installed = dom
  return dom
}
