'use strict';
/**
 * Preloaded into a server by tools/bench/profile.js (`node -r`): measures exactly the phase the driver marks,
 * not the start-up. Each SIGUSR2 is one step, by PROFILE_MODE:
 *   cpu   first: start the V8 CPU profiler (PROFILE_INTERVAL_US, default 100 µs); second: stop, write
 *         `<PROFILE_OUT>.cpuprofile`;
 *   alloc first: start V8's sampling heap profiler, keeping the garbage (PROFILE_SAMPLING_BYTES, default 1024);
 *         second: stop, write `<PROFILE_OUT>.heapprofile` (see allocation-profile.js);
 *   heap  collect garbage (needs --expose-gc), append V8 heap statistics and memoryUsage() to
 *         `<PROFILE_OUT>.heap.jsonl`, and with PROFILE_SNAPSHOT=1 write `<PROFILE_OUT>-<step>.heapsnapshot`.
 * After each step it writes `<PROFILE_OUT>.step-<n>` so the driver knows the step is done.
 */
const fs = require('node:fs');
const v8 = require('node:v8');
const { Session } = require('node:inspector');

const out = process.env.PROFILE_OUT;
const mode = process.env.PROFILE_MODE;
let step = 0;
let session = null;

const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
// Asynchronous: a synchronous write would be sampled inside the profile it marks the start of.
const done = (n) => fs.writeFile(`${out}.step-${n}`, '', () => undefined);

async function cpuStep(n) {
  if (n === 1) {
    session = new Session();
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_INTERVAL_US || 100) });
    await post('Profiler.start');
  } else {
    const { profile } = await post('Profiler.stop');
    fs.writeFileSync(`${out}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

async function allocStep(n) {
  if (n === 1) {
    session = new Session();
    session.connect();
    await post('HeapProfiler.startSampling', {
      samplingInterval: Number(process.env.PROFILE_SAMPLING_BYTES || 1024),
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  } else {
    const { profile } = await post('HeapProfiler.stopSampling');
    fs.writeFileSync(`${out}.heapprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

function heapStep(n) {
  if (typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
  const line = { step: n, heap: v8.getHeapStatistics(), spaces: v8.getHeapSpaceStatistics(), memory: process.memoryUsage() };
  fs.appendFileSync(`${out}.heap.jsonl`, `${JSON.stringify(line)}\n`);
  if (process.env.PROFILE_SNAPSHOT === '1') v8.writeHeapSnapshot(`${out}-${n}.heapsnapshot`);
}

const steps = { cpu: cpuStep, alloc: allocStep, heap: heapStep };
if (out && steps[mode]) {
  process.on('SIGUSR2', () => {
    const n = ++step;
    Promise.resolve(steps[mode](n)).then(
      () => done(n),
      (e) => process.stderr.write(`profile-preload: ${e.stack || e}\n`),
    );
  });
}
