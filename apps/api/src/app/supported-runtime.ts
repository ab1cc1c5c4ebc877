/** The oldest Node.js Herald runs on: `node:sqlite` and several dependencies need 22.13. */
export const MINIMUM_NODE_VERSION = '22.13.0';

/** Why Herald cannot run on Node.js `version` (as in `process.versions.node`), or null when it can. */
export function unsupportedRuntime(version: string): string | null {
  const [major, minor] = version.split('.').map(Number);
  const [minMajor, minMinor] = MINIMUM_NODE_VERSION.split('.').map(Number);
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return null;
  return (
    `Herald needs Node.js ${MINIMUM_NODE_VERSION} or newer (24 LTS recommended); this is Node.js ${version}. ` +
    'Start it through npm (npm start, npm run serve), which runs the Node.js 24 that npm install put in node_modules/.bin.'
  );
}
