'use strict';
/** Linux process helpers: /proc readings, fd limits, spawning pinned children. */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');

let clkTck = 0;
/** Clock ticks per second (`getconf CLK_TCK`). */
function clockTicks() {
  if (!clkTck) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** utime+stime of the processes (all their threads), in clock ticks. */
function cpuTicks(pids) {
  let sum = 0;
  for (const pid of pids) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    sum += Number(f[11]) + Number(f[12]); // fields 14 and 15 of proc(5)
  }
  return sum;
}

/** Resident set size of the processes, KiB (VmRSS). */
function rssKiB(pids) {
  let sum = 0;
  for (const pid of pids) {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'));
    if (m) sum += Number(m[1]);
  }
  return sum;
}

let pageSize = 0;
/**
 * Memory held by every TCP socket of the machine (send and receive queues), KiB: `TCP: ... mem <pages>` of
 * /proc/net/sockstat (this network namespace). Output a server has handed to the kernel is here, not in its RSS.
 */
function tcpMemKiB() {
  if (!pageSize) {
    try {
      pageSize = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
    } catch {
      pageSize = 4096;
    }
  }
  try {
    const m = /^TCP:.*\bmem (\d+)/m.exec(fs.readFileSync('/proc/net/sockstat', 'latin1'));
    return m ? (Number(m[1]) * pageSize) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Soft and hard `ulimit -n` of a fresh shell. */
function fdLimits() {
  const out = execFileSync('bash', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' }).trim().split('\n');
  const num = (s) => (s === 'unlimited' ? Infinity : Number(s));
  return { soft: num(out[0]), hard: num(out[1]) };
}

let tasksetOk;
function hasTaskset() {
  if (tasksetOk === undefined) {
    try {
      execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
      tasksetOk = true;
    } catch {
      tasksetOk = false;
    }
  }
  return tasksetOk;
}

const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/**
 * Spawns `node <args>` through bash with the fd limit raised to `fds` and, when taskset exists, pinned
 * to `cpu`; `wrapper` is a command node runs under (callgrind, say). `exec` keeps the pid: the returned
 * child's pid is node's (or the wrapper's, which becomes node).
 */
function spawnNode(args, { cpu, fds, env, stdio, cwd, wrapper = [] }) {
  const pin = cpu !== undefined && cpu !== null && hasTaskset() ? `taskset -c ${q(cpu)} ` : '';
  const limit = fds && Number.isFinite(fds) ? `ulimit -n ${Number(fds)} && ` : '';
  const cmd = `${limit}exec ${pin}${[...wrapper, process.execPath, ...args].map(q).join(' ')}`;
  return spawn('bash', ['-c', cmd], { env, stdio, cwd });
}

/**
 * Pins every thread of a running process to `cpu` (`taskset -a -p`); threads it starts later inherit it. Servers
 * boot on every core (their start is not measured, and two Herald instances booting on one core take seconds)
 * and are pinned once they listen, before any measurement. False when taskset is missing or fails.
 */
function pinProcess(pid, cpu) {
  if (cpu === undefined || cpu === null || !hasTaskset()) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Busy ticks of the whole machine (all cores) from /proc/stat: everything but idle and iowait. */
function machineBusyTicks() {
  const line = fs.readFileSync('/proc/stat', 'latin1').split('\n', 1)[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, x) => a + x, 0); // user..steal (guest is inside user)
  return total - v[3] - v[4];
}

function cpuModel() {
  try {
    const m = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    return m ? m[1].trim() : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The local port range, for deciding when connections need more than one source address. */
function localPortRange() {
  try {
    const [lo, hi] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return { lo, hi, size: hi - lo + 1 };
  } catch {
    return { lo: 32768, hi: 60999, size: 28232 };
  }
}

module.exports = {
  clockTicks,
  cpuTicks,
  machineBusyTicks,
  rssKiB,
  tcpMemKiB,
  fdLimits,
  hasTaskset,
  pinProcess,
  spawnNode,
  cpuModel,
  localPortRange,
};
