import { createCjsPreset } from 'jest-preset-angular/presets';

// Angular's preset brings jsdom and its transformer; the workspace preset adds the aliases and test pattern.
export default {
  ...createCjsPreset(),
  preset: '../../jest.preset.js',
  displayName: 'web',
  rootDir: '.',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
};
