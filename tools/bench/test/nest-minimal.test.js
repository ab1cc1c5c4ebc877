'use strict';
/**
 * The NestJS floor profile.js compares Herald with: its POST does the checks Herald and the raw baseline do
 * (trim, lengths, control characters, no unknown field) before it answers 202, and its stream route answers.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { startServer } = require('./start-server');

function request(url, method, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      if (method === 'GET') {
        resolve({ status: res.statusCode, type: res.headers['content-type'] });
        return res.destroy();
      }
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(data) }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

test('the minimal Nest POST checks a post as the baseline does, and the stream route answers', async () => {
  const server = await startServer('nest-minimal-server');
  const post = (body) => request(`${server.url}/api/rooms/bench/messages`, 'POST', body);
  try {
    const ok = await post({ author: '  Ada ', text: ' hello ' });
    assert.equal(ok.status, 202);
    assert.match(ok.body.id, /^\d+-\d+$/);
    assert.equal(ok.body.author, 'Ada');
    assert.equal((await post({ text: 'no author is fine' })).status, 202);
    for (const bad of [
      { author: 'Ada', text: '   ' },
      { author: 'Ada', text: 'x'.repeat(2001) },
      { author: 'x'.repeat(41), text: 'hi' },
      { author: 'Ada', text: 'bell \u0007' },
      { author: 'Ada', text: 'hi', extra: 1 },
      { author: 7, text: 'hi' },
    ]) {
      const answer = await post(bad);
      assert.equal(answer.status, 400, JSON.stringify(bad));
      assert.equal(answer.body.statusCode, 400);
    }
    const stream = await request(`${server.url}/api/rooms/bench/events`, 'GET');
    assert.equal(stream.status, 200);
    assert.equal(stream.type, 'text/event-stream');
  } finally {
    server.stop();
  }
});
