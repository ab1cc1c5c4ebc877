import { unsupportedRuntime } from './supported-runtime';

describe('unsupportedRuntime', () => {
  it('refuses Node.js below 22.13 and says what to run instead', () => {
    for (const version of ['20.20.2', '22.12.0', '18.20.8']) {
      const problem = unsupportedRuntime(version);
      expect(problem).toContain(`this is Node.js ${version}`);
      expect(problem).toContain('22.13.0 or newer');
    }
  });

  it('accepts 22.13 and every later release', () => {
    for (const version of ['22.13.0', '22.22.3', '24.21.0', '26.10.0']) expect(unsupportedRuntime(version)).toBeNull();
  });
});
