/**
 * Jest runs the TypeScript sources directly; `weft-workflows` resolves to src/ so samples test the working tree
 * (`weft`, the package's old name, too, until every file imports the new one).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/samples'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^weft-workflows$': '<rootDir>/src/index.ts',
    '^weft$': '<rootDir>/src/index.ts',
  },
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
