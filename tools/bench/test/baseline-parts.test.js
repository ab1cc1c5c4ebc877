'use strict';
/** The raw baseline's history (what a Last-Event-ID resumes from) and its post check (Herald's rules). */
const test = require('node:test');
const assert = require('node:assert/strict');
const { History } = require('../src/history');
const { checkPost } = require('../src/post-body');

const fill = (h, count, ms = 100) => {
  for (let s = 0; s < count; s++) h.push(ms + Math.floor(s / 3), s % 3, `${ms + Math.floor(s / 3)}-${s % 3}`, Buffer.from(`f${s}`));
};
const texts = (frames) => frames.map((f) => f.toString());

test('history: the frames after an id it holds, bounded, across compactions', () => {
  const h = new History(5);
  fill(h, 12); // ids 100-0 .. 103-2; keeps f7..f11
  assert.equal(h.length, 5);
  assert.equal(h.oldestId(), '102-1');
  assert.deepEqual(texts(h.after('102-2').frames), ['f9', 'f10', 'f11']);
  assert.equal(h.after('102-2').found, true);
  assert.deepEqual(h.after('103-2'), { found: true, frames: [] });
  // The last id dropped: nothing held was missed.
  assert.deepEqual(texts(h.after('102-0').frames), ['f7', 'f8', 'f9', 'f10', 'f11']);
  assert.equal(h.after('102-0').found, true);
});

test('history: an id older than the history, unknown or not an id gets everything held, as a reset', () => {
  const h = new History(5);
  fill(h, 12);
  for (const id of ['100-0', '102-9', '999-0', 'nonsense']) {
    const r = h.after(id);
    assert.equal(r.found, false, id);
    assert.deepEqual(texts(r.frames), ['f7', 'f8', 'f9', 'f10', 'f11'], id);
  }
});

test('history: upTo leaves out the newest frames (still pending in coalesce mode)', () => {
  const h = new History(10);
  fill(h, 6);
  assert.deepEqual(texts(h.after('100-1', 4).frames), ['f2', 'f3']);
  assert.deepEqual(texts(h.after('101-2', 4).frames), []);
  assert.deepEqual(texts(h.after('bad', 2).frames), ['f0', 'f1']);
});

test('post check: accepts and trims, as the ValidationPipe does', () => {
  assert.deepEqual(checkPost('application/json; charset=utf-8', '{"author":" Ada ","text":"\\n hi\\tthere "}'), {
    author: 'Ada',
    text: 'hi\tthere',
  });
  assert.deepEqual(
    checkPost('application/json', JSON.stringify({ author: 'a'.repeat(40), text: 'x'.repeat(2000) })).author,
    'a'.repeat(40),
  );
  // A surrogate pair counts once, as class-validator's Length counts it.
  assert.ok(!checkPost('application/json', JSON.stringify({ author: 'a', text: '😀'.repeat(2000) })).error);
});

test('post check: refuses what Herald refuses', () => {
  const cases = [
    ['text/plain', '{"author":"a","text":"b"}', 415],
    ['application/json', 'not json', 400],
    ['application/json', '[1]', 400],
    ['application/json', 'null', 400],
    ['application/json', '{"author":"a","text":"b","room":"x"}', 400],
    ['application/json', '{"author":"a","text":42}', 400],
    ['application/json', '{"author":"a"}', 400],
    ['application/json', '{"author":"   ","text":"b"}', 400],
    ['application/json', JSON.stringify({ author: 'a'.repeat(41), text: 'b' }), 400],
    ['application/json', JSON.stringify({ author: 'a', text: 'x'.repeat(2001) }), 400],
    ['application/json', JSON.stringify({ author: 'A\nevent: x', text: 'b' }), 400],
    ['application/json', JSON.stringify({ author: 'a', text: 'a\rb' }), 400],
    ['application/json', JSON.stringify({ author: 'a', text: 'a\u0000b' }), 400],
  ];
  for (const [type, body, status] of cases) assert.equal(checkPost(type, body).status, status, body);
});
