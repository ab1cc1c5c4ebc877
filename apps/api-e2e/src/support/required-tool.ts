/**
 * Whether a tool the deployment tests need is here. A missing one skips those tests with `message` (which
 * says how to get it), except under CI=true, where it is a failure: CI must run every test.
 */
export function requiredTool(available: boolean, what: string, message: string): boolean {
  if (available) return true;
  if (process.env['CI'] === 'true') throw new Error(message);
  console.warn(`Skipping ${what}. ${message}`);
  return false;
}
