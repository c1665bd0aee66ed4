// ESLint flat config: typescript-eslint's recommended rules, and the layer arrows kept honest.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'templates/**',
      'src/backends/dapr/protocol/generated/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/errors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['better-sqlite3', '@grpc/*', 'express', 'tsyringe'],
              message: 'The core knows nothing of storage, transport or DI.',
            },
            {
              group: [
                '../authoring*',
                '../runtime*',
                '../client*',
                '../backends*',
                '../http*',
                '../cli*',
                '../dashboard*',
                '../testing*',
              ],
              message: 'Dependencies point inward: core imports errors only.',
            },
          ],
        },
      ],
    },
  },
);
