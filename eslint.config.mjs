// ESLint flat config: typescript-eslint type-checked rules, and the layer boundaries of STYLE.md.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      '.vscode-test/**',
      'examples/**',
      'test/fixtures/**',
      '**/*.mjs',
      '**/*.cjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-namespace': 'off',
    },
  },
  {
    files: ['engine/src/**/*.ts'],
    // The host and stored executions run in Node only; the rest is the SDK users' code imports.
    ignores: ['engine/src/host/**', 'engine/src/executions/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'vscode',
            'vscode-*',
            '@vscode/*',
            '*/server/*',
            '*/debug-adapter/*',
            '*/client/*',
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/analysis/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['vscode', 'vscode-*', '@vscode/*', '*/engine/*'] },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts', 'debug-adapter/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['server/src/**/*.ts', 'debug-adapter/src/**/*.ts', 'cli/**/*.ts', 'client/src/**/*.ts'],
    ignores: ['server/src/analysis/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/analysis/**', '!**/analysis/index', '!**/analysis/model'] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
