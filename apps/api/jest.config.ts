export default {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  rootDir: '.',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // NestJS and jose ship ES modules only; Jest's module system needs them as CommonJS.
    '^.+/node_modules/(@nestjs|jose)/.+\\.js$': '<rootDir>/../../tools/jest/esm-to-cjs.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/|jose/)'],
};
