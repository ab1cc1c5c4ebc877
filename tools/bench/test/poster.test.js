'use strict';
/** The generator's posts: a request reset on a reused keep-alive socket is sent again once, on a fresh socket. */
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { Poster } = require('../src/poster');
const { RunTracker } = require('../src/sse-checker');

test('a post reset on a reused keep-alive socket is sent again; a second reset is an error', async () => {
  let accepted = 0;
  let resetEvery = 2; // the second request of each connection is reset, as a server closing an idle socket would
  const server = http.createServer((req, res) => {
    req.socket.requests = (req.socket.requests || 0) + 1;
    req.resume();
    req.on('end', () => {
      if (req.socket.requests % resetEvery === 0) return req.socket.resetAndDestroy();
      const body = JSON.stringify({ id: `1700000000000-${accepted++}`, room: 'bench', sentAt: 'x' });
      res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  const tracker = new RunTracker({ total: 4 });
  const poster = new Poster({ urls: [url], trackers: [tracker], concurrency: 1 });
  try {
    await poster.post(0);
    await poster.post(1); // reset on the reused socket, then accepted on a new one
    assert.deepEqual(poster.errors, []);
    assert.equal(poster.accepted, 2);
    resetEvery = 1; // now every request is reset: the retry fails too, and that is reported
    await poster.post(2);
    assert.equal(poster.errors.length, 1);
    assert.match(poster.errors[0], /^seq 2: /);
  } finally {
    poster.destroy();
    server.close();
  }
});
