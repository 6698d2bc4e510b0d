/** Tier 1: pure rules and adapters with mocked SDK clients. */
module.exports = {
  rootDir: '../..',
  testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/offline-env.ts'],
};
