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
              group: ['better-sqlite3', '@grpc/*', 'express', 'tsyringe', '@opentelemetry/*'],
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
                '../observability*',
                '../../observability*',
                '../../authoring*',
                '../../runtime*',
                '../../client*',
                '../../backends*',
                '../../http*',
                '../../cli*',
                '../../dashboard*',
                '../../testing*',
              ],
              message: 'Dependencies point inward: core imports errors only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/backends/sqlite/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../dapr*', '../../backends/dapr*', '../../dapr*', '@grpc/*'],
              message: 'Backends do not import each other: the SQLite engine knows nothing of Dapr or gRPC.',
            },
            {
              group: [
                '../../authoring*',
                '../../runtime*',
                '../../client*',
                '../../http*',
                '../../cli*',
                '../../dashboard*',
                '../../testing*',
                '../../../authoring*',
                '../../../runtime*',
                '../../../client*',
                '../../../http*',
                '../../../cli*',
                '../../../dashboard*',
                '../../../testing*',
              ],
              message: 'A backend imports the core and errors only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/backends/dapr/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../sqlite*',
                '../../sqlite*',
                '../../backends/sqlite*',
                '../../../backends/sqlite*',
                'better-sqlite3',
              ],
              message:
                'Backends do not import each other: the sidecar server takes any Backend; the CLI builds the SQLite one.',
            },
            {
              group: [
                '../../authoring*',
                '../../runtime*',
                '../../client*',
                '../../http*',
                '../../cli*',
                '../../dashboard*',
                '../../testing*',
                '../../../authoring*',
                '../../../runtime*',
                '../../../client*',
                '../../../http*',
                '../../../cli*',
                '../../../dashboard*',
                '../../../testing*',
              ],
              message: 'A backend imports the core and errors only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../runtime*', '../backends*', '../../runtime*', '../../backends*'],
              message:
                'The client talks to a Backend (core) only: it never imports the runtime or a backend.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/dashboard/**/*.ts', 'src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../backends*', '../../backends*', '../../../backends*', 'better-sqlite3', '@grpc/*'],
              message: 'The dashboard and HTTP layer use the client, never a backend directly.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/observability/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
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
              message:
                'Observability wraps @opentelemetry/api for the outer layers; it imports the core only.',
            },
            {
              group: ['@opentelemetry/*', '!@opentelemetry/api'],
              message: 'Only the API: the SDK is the application’s choice.',
            },
          ],
        },
      ],
    },
  },
);
