import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

// Layers, top to bottom: main -> app -> features -> shared -> core, content, i18n. Arrows point
// down only, and no feature imports another (the app composes them). See ARCHITECTURE.md.
const features = readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const layerZones = [
  { target: './src/app', from: './src/main.tsx', message: 'The app shell is below main.' },
  { target: './src/features', from: ['./src/app', './src/main.tsx'], message: 'Features sit below the app: the app composes them.' },
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`],
    message: 'A feature never imports another feature: move what both need to src/shared, or let the app compose them.',
  })),
  {
    target: './src/shared',
    from: ['./src/app', './src/features', './src/main.tsx'],
    message: 'The shared layer sits below the features and the app.',
  },
  {
    target: ['./src/core', './src/content', './src/i18n'],
    from: ['./src/app', './src/features', './src/shared', './src/main.tsx'],
    message: 'Core, content and i18n are the bottom layer.',
  },
  { target: './src/core', from: ['./src/content', './src/i18n'], message: 'Core depends on nothing above it.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'dev-dist/', 'bench-results/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Layer boundaries and no import cycles, across the whole app.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Every user-visible string goes through i18next.
    files: ['src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: ['alt', 'aria-label', 'aria-description', 'title', 'placeholder', 'label'] },
          callees: { exclude: ['t', 'i18n.t', 'Error', 'console.*', 'require', 'import'] },
        },
      ],
    },
  },
  {
    // Core is plain TypeScript: no React, no JSX.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-*', 'react/*', '**/features/**', '**/app/**', '**/shared/**'] }],
    },
  },
  {
    // Screens and components never talk to storage or raw crypto themselves.
    files: ['src/features/**/*.{ts,tsx}', 'src/shared/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['dexie'], patterns: ['**/core/store/db*'] }],
      'no-restricted-properties': [
        'error',
        { object: 'crypto', property: 'subtle', message: 'Use src/core/crypto.' },
        { object: 'window', property: 'indexedDB', message: 'Use src/core/store.' },
      ],
      'no-restricted-globals': ['error', { name: 'indexedDB', message: 'Use src/core/store.' }],
    },
  },
  {
    files: ['e2e/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'test/**/*.{ts,tsx}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
