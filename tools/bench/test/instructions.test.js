'use strict';
/**
 * profile.js --instructions: a phase measured by the instructions callgrind counts in the server. The point of
 * the figure is that it repeats where CPU time does not, so the test runs the same phase twice and compares.
 * Without valgrind the end-to-end tests skip with a message, except under CI=true, where they fail.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { hasCallgrind, parseTotals } = require('../src/callgrind');

const PROFILE = path.join(__dirname, '..', 'profile.js');

test('the running total is the sum of every thread', () => {
  const text =
    'PID 7450: node baseline-server.js\n\n  Totals:         Ir \n   Th 1  215,961,126 \n   Th 2        4,442 \n   Th 3    5,326,413 \n';
  assert.equal(parseTotals(text), 215961126 + 4442 + 5326413);
  assert.throws(() => parseTotals('PID 1: node\n\n  Totals:\n'), /no counts/);
});

test('asked to count what it cannot, profile.js says why and stops', async () => {
  const run = (args) =>
    new Promise((resolve) =>
      execFile(process.execPath, [PROFILE, ...args], (err, _stdout, stderr) => resolve({ code: err?.code, stderr })),
    );
  const idle = await run(['idle', '--instructions', '--no-build']);
  assert.equal(idle.code, 1);
  assert.match(idle.stderr, /--instructions counts a connect or a post phase/);
});

function callgrindHere() {
  if (hasCallgrind()) return true;
  const message = 'valgrind is missing (apt-get install valgrind)';
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`Skipping the callgrind runs: ${message}.`);
  return false;
}
const CALLGRIND = callgrindHere();

/** Runs profile.js with `args` on the raw baseline; resolves with its stdout. */
function profile(args, out) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [PROFILE, ...args, '--instructions', '--server', 'baseline', '--no-build', '--out', out],
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

const figure = (stdout, unit) => {
  const m = new RegExp(`([\\d.]+) k instructions per ${unit} \\(callgrind, user space\\)`).exec(stdout);
  assert.ok(m, stdout);
  return Number(m[1]);
};

test('a connect counts the same twice over, and the run leaves nothing behind', { skip: !CALLGRIND }, async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-instructions-'));
  try {
    const first = figure(await profile(['connect', '--count', '1000'], out), 'connect');
    const second = figure(await profile(['connect', '--count', '1000'], out), 'connect');
    // Node's own HTTP server takes some hundred thousand instructions per connect; runs differ by about 1 %.
    assert.ok(first > 50 && first < 5000, `${first} k`);
    assert.ok(Math.abs(first - second) / first < 0.05, `${first} k, then ${second} k`);
    assert.deepEqual(fs.readdirSync(out), []);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('a post is counted while every subscriber still gets every message', { skip: !CALLGRIND }, async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-instructions-'));
  try {
    const stdout = await profile(['post', '--count', '200', '--subscribers', '2'], out);
    assert.ok(figure(stdout, 'post') > 50, stdout);
    assert.doesNotMatch(stdout, /PROBLEMS/);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
