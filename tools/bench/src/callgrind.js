'use strict';
/**
 * Instruction counts of a server, for `profile.js --instructions`: the server runs under Valgrind's callgrind,
 * and the driver reads its running total (user-space instructions of every thread) before and after a phase.
 * Unlike CPU time, the count hardly depends on what else the machine is doing, so a change worth 2 % shows on
 * a shared machine where CPU time varies by 10 %. What it leaves out: the kernel's side (system calls, page
 * faults) and the cost of cache misses; CPU time stays the figure of record, this one is for A/B comparisons.
 */
const { execFileSync } = require('node:child_process');

let present = null;
/** Whether `valgrind` and `callgrind_control` are on the PATH. */
function hasCallgrind() {
  if (present === null) {
    try {
      execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
      execFileSync('callgrind_control', ['--version'], { stdio: 'ignore' });
      present = true;
    } catch {
      present = false;
    }
  }
  return present;
}

/**
 * The command that runs node under callgrind. `prefix` names the FIFOs callgrind_control reaches it by; no
 * output file is kept (the counts are read live; with JIT code, function names would be unknown anyway).
 */
function callgrindCommand(prefix) {
  return ['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null', `--vgdb-prefix=${prefix}`];
}

/**
 * Node's flags under callgrind. V8's helper threads (the concurrent compiler and GC) do an amount of work that
 * depends on timing, and its memory reducer starts a GC by the clock; on one thread, without the reducer, the
 * same phase counts the same to about 1 % (5 % with them).
 */
const CALLGRIND_NODE_ARGS = ['--single-threaded', '--no-memory-reducer'];

/** The sum of the per-thread rows of `callgrind_control -e` (`Th 1  215,961,126`). */
function parseTotals(text) {
  const rows = [...text.matchAll(/^\s*Th\s+\d+\s+([\d,]+)\s*$/gm)];
  if (rows.length === 0) throw new Error(`callgrind_control printed no counts:\n${text}`);
  return rows.reduce((sum, m) => sum + Number(m[1].replace(/,/g, '')), 0);
}

/**
 * The instructions process `pid` has run so far. Valgrind names its FIFOs after the HOST variable of the
 * process it runs (the servers get HOST=127.0.0.1 to listen on), so callgrind_control must see the same one.
 */
function instructionsSoFar(pid, prefix, host) {
  const text = execFileSync('callgrind_control', [`--vgdb-prefix=${prefix}`, '-e', String(pid)], {
    encoding: 'utf8',
    env: { ...process.env, HOST: host },
  });
  return parseTotals(text);
}

module.exports = { hasCallgrind, callgrindCommand, CALLGRIND_NODE_ARGS, parseTotals, instructionsSoFar };
