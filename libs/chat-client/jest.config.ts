// A default import: Node loads this file as an ES module, and the preset package is CommonJS.
import presets from 'jest-preset-angular/presets/index.js';

// Angular's preset brings jsdom and its transformer; the workspace preset adds the aliases and test pattern.
export default {
  ...presets.createCjsPreset(),
  preset: '../../jest.preset.js',
  displayName: 'chat-client',
  rootDir: '.',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
};
