// Reader of the one place the WeChat targets live (config/weapp.json): the minimum base library the console
// must be set to, and the ECMAScript level the weapp build lowers its JavaScript to. The Taro
// config and tools/check-weapp.ts both read it, so the build, the check and the docs cannot drift.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface WeappTargets {
  /** 基础库最低版本, e.g. "2.32.3". */
  minBaseLibrary: string
  /** esbuild / ECMAScript target of every emitted .js, e.g. "es2017". */
  esTarget: string
}

export const WEAPP_TARGETS_FILE = join(__dirname, 'weapp.json')

export function loadWeappTargets(path = WEAPP_TARGETS_FILE): WeappTargets {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<WeappTargets>
  if (typeof raw.minBaseLibrary !== 'string' || !/^\d+\.\d+\.\d+$/.test(raw.minBaseLibrary)) {
    throw new Error(`${path}: minBaseLibrary must be a version like "2.32.3"`)
  }
  if (typeof raw.esTarget !== 'string' || !/^es20\d\d$/.test(raw.esTarget)) {
    throw new Error(`${path}: esTarget must be like "es2017"`)
  }
  return { minBaseLibrary: raw.minBaseLibrary, esTarget: raw.esTarget }
}

/** The year of an "es2017"-style target: 2017. */
export function esYear(target: string): number {
  return Number(target.slice(2))
}
