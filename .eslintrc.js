// Taro's React rules + typescript-eslint + react-hooks, with formatting left to Prettier.
// Import boundaries: src/domain stays pure (no Taro, React or wx-server-sdk) and has no import
// cycle; the client (pages, components, hooks, services, the tab bar) never reaches into the
// cloud runtime; nothing outside src/merchant imports the merchant subpackage (the main package
// links to its pages by the names in src/routes.ts).
const CLIENT_DIRS = ['pages', 'components', 'hooks', 'services', 'custom-tab-bar']

const MERCHANT_PACKAGE = {
  group: [
    '@/merchant',
    '@/merchant/*',
    './merchant/*',
    '../merchant',
    '../merchant/*',
    '../../merchant/*',
    '../../../merchant/*',
  ],
  message: '主包不能引用商家分包 src/merchant 的代码（分包页面地址见 src/routes.ts）。',
}

module.exports = {
  root: true,
  extends: [
    'taro/react',
    'plugin:@typescript-eslint/recommended',
    'plugin:react-hooks/recommended',
    'prettier',
  ],
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
  rules: {
    'react/jsx-uses-react': 'off',
    'react/react-in-jsx-scope': 'off',
    'react-hooks/exhaustive-deps': 'error',
    '@typescript-eslint/no-unused-vars': [
      'error',
      { argsIgnorePattern: '^_', ignoreRestSiblings: true },
    ],
    'import/no-commonjs': 'off',
  },
  overrides: [
    {
      files: ['src/domain/**/*.ts'],
      rules: {
        'import/no-cycle': ['error', { maxDepth: Infinity }],
        'no-restricted-imports': [
          'error',
          {
            paths: [
              { name: 'react', message: 'src/domain 是纯业务代码，不能依赖 React。' },
              { name: 'react-dom', message: 'src/domain 是纯业务代码，不能依赖 React。' },
              {
                name: 'wx-server-sdk',
                message: 'src/domain 是纯业务代码，不能依赖 wx-server-sdk。',
              },
            ],
            patterns: [
              { group: ['@tarojs/*'], message: 'src/domain 是纯业务代码，不能依赖 Taro。' },
              {
                group: ['@/cloud', '@/cloud/*', '../cloud', '../cloud/*'],
                message: 'src/domain 不能依赖云函数运行时。',
              },
              MERCHANT_PACKAGE,
            ],
          },
        ],
      },
    },
    {
      files: [
        ...CLIENT_DIRS.map((dir) => `src/${dir}/**/*.{ts,tsx}`),
        'src/app.ts',
        'src/app.config.ts',
      ],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [
              {
                name: 'wx-server-sdk',
                message: '客户端只能通过 src/services/cloud.ts 调用云函数。',
              },
            ],
            patterns: [
              {
                group: [
                  '@/cloud',
                  '@/cloud/*',
                  './cloud/*',
                  '../cloud',
                  '../cloud/*',
                  '../../cloud',
                  '../../cloud/*',
                  '../../../cloud',
                  '../../../cloud/*',
                ],
                message: 'src/cloud 是云函数运行时代码，页面、组件、hooks 和 services 不能引用。',
              },
              MERCHANT_PACKAGE,
            ],
          },
        ],
      },
    },
    {
      files: ['src/cloud/**/*.ts', 'src/routes.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns: [MERCHANT_PACKAGE] }] },
    },
    {
      files: ['config/**/*.ts', 'tools/**/*.{ts,js}', 'test/**/*.{ts,js}', '*.js'],
      env: { node: true, jest: true, es2022: true },
    },
    {
      // Test setup helpers are not React hooks, whatever their names.
      files: ['test/**/*.{ts,js}'],
      rules: { 'react-hooks/rules-of-hooks': 'off' },
    },
    {
      // Plain CommonJS files (jest setup, the local cloud's worker bootstrap, tool configs).
      files: ['**/*.js'],
      rules: { '@typescript-eslint/no-var-requires': 'off' },
    },
  ],
}
