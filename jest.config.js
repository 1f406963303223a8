// One jest run, several layers. PostgreSQL is started once for the whole run by the global
// setup (embedded, or DATABASE_URL when set); each test file gets its own database.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020',
    },
    module: { type: 'commonjs' },
  },
]

const layer = (name, extra = {}) => ({
  displayName: name,
  rootDir: __dirname,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testEnvironment: 'node',
  ...extra,
})

module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  projects: [
    layer('unit'),
    layer('contract'),
    layer('cloud'),
    layer('component', { testEnvironment: 'jsdom' }),
    layer('e2e'),
    // The compiled weapp bundle in WeChat's component framework, with a named wx stand-in.
    layer('weapp'),
    // Authorisation matrix, fuzzing, races, faults, privacy (about a minute); `npm run
    // test:reliability` runs only this layer and prints its summary line.
    layer('reliability'),
  ],
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  testTimeout: 30000,
}
