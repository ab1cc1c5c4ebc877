import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** How the tests start a program as a user other than root, as the container image and the systemd unit do. */
export interface NonRootUser {
  uid: number;
  gid: number;
  /** Put before a command to run it as that user (empty when the tests already run as one). */
  prefix: string[];
}

/**
 * The user the tests are when that is not root; as root, `nobody` through util-linux's setpriv, with no
 * supplementary groups. Null when neither is possible (root without setpriv).
 */
export function nonRootUser(): NonRootUser | null {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? uid, prefix: [] };
  if (spawnSync('setpriv', ['--version']).status !== 0) return null;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim() || 65534);
  const [nobody, nogroup] = [id('-u'), id('-g')];
  return { uid: nobody, gid: nogroup, prefix: ['setpriv', `--reuid=${nobody}`, `--regid=${nogroup}`, '--clear-groups', '--'] };
}

/** The user id a running process has, from /proc (Linux). */
export function processUid(pid: number): number {
  return Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}
