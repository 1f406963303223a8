// tsx ships these types as .d.mts only, which this project's module resolution does not read.
declare module 'tsx/cjs/api' {
  /** Loads a TypeScript module, compiled on the fly, as `require` from `fromFile` would. */
  export function require(id: string, fromFile: string): unknown
}
