// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import faces from './eslint-faces.js'

const impure = [
  { object: 'Date', property: 'now', message: 'use deps.now() (inject the clock)' },
  { object: 'Math', property: 'random', message: 'use deps.random()' },
]

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
      },
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/deps.ts', 'src/adapters/**', 'src/cli/**'],
    rules: {
      'no-restricted-properties': ['error', ...impure],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'use deps.fetch' },
        { name: 'performance', message: 'use deps.now()' },
        { name: 'process', message: 'only adapters and the CLI touch the process' },
        { name: 'setTimeout', message: 'use deps.setTimer' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'use new Date(deps.now())',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:http', 'node:https', 'express', 'koa'],
              message: 'only adapters/ touch the host server',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*/**', '!../core/**'], message: 'core/ imports no module' }] },
      ],
    },
  },
  ...tseslint.configs.strictTypeChecked.map((c) => ({ ...c, files: ['src/**/*.ts'] })),
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers print the same everywhere (error messages quote limits and indexes); anything
      // else in a template literal (undefined, objects, unions) must still be converted on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(e) => socket.destroy(e)` callbacks are the Node idiom for listeners; a void value
      // returned from an arrow shorthand is never read. Blocks and `return f()` are still checked.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { portico: faces },
    rules: { 'portico/import-through-face': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
)
