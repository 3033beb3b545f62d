/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Snapshots live at the top level so reviewers find every rendered file in one place.
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
};
