import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp', 'UrlFetchApp', 'PropertiesService', 'CacheService', 'LockService', 'ScriptApp',
  'HtmlService', 'Utilities', 'Session', 'Logger', 'DriveApp', 'MailApp',
].map((name) => ({ name, message: 'Only src/adapters/ may touch Apps Script services; use a port.' }));

const NODE_ONLY = ['process', 'Buffer', 'require', '__dirname', '__filename', 'setTimeout', 'setInterval', 'fetch'].map((name) => ({
  name,
  message: 'Not available in Apps Script.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Apps Script calls some functions with arguments they do not use: an underscore says so.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...NODE_ONLY],
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'path', 'http', 'https', 'vm', 'child_process', 'os', 'url', 'crypto'].map((name) => ({ name, message: 'src/ runs in Apps Script: no Node APIs.' })),
          patterns: [{ group: ['node:*'], message: 'src/ runs in Apps Script: no Node APIs.' }],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/adapters/**', 'src/global.d.ts'],
    rules: {
      'no-restricted-globals': ['error', ...NODE_ONLY, ...APPS_SCRIPT_GLOBALS],
    },
  },
  {
    files: ['test/**/*.ts', 'sandbox/**/*.ts', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // The simulator's proxies need the bridge object inside their traps.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['bridge'] }],
    },
  },
);
