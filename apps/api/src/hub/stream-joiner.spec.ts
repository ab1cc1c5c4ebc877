import { Subject } from 'rxjs';
import { FeedFrame } from './hub-event';
import { StreamJoiner } from './stream-joiner';

const frame = (id: string | null, text: string): FeedFrame => ({ id, frame: Buffer.from(`${text}\n\n`) });

describe('StreamJoiner', () => {
  const joinerInto = (written: string[]) =>
    new StreamJoiner({
      writeReplay: (frames) => void written.push(Buffer.concat(frames).toString()),
      write: (b) => void written.push(b.toString()),
      fail: () => undefined,
    });

  it('holds live frames until the replay is written, then writes only the messages newer than its position', () => {
    const written: string[] = [];
    const joiner = joinerInto(written);
    joiner.offer([frame('1-2', 'm2'), frame(null, 'presence'), frame('1-3', 'm3')]);
    expect(written).toEqual([]);
    joiner.start([Buffer.from('m1\n\n'), Buffer.from('m2\n\n')], '1-2');
    // m2 came through the replay already; the held presence is superseded by the replay's own.
    expect(written).toEqual(['m1\n\nm2\n\n', 'm3\n\n']);
    joiner.offer([frame('1-3', 'm3'), frame('1-4', 'm4')]);
    expect(written.at(-1)).toBe('m4\n\n');
    expect(written).toHaveLength(3);
  });

  it('hands the sink its replay as the replay, the frames themselves, and what follows as plain writes', () => {
    const calls: Array<[string, Buffer[]]> = [];
    const joiner = new StreamJoiner({
      writeReplay: (frames) => void calls.push(['replay', [...frames]]),
      write: (b) => void calls.push(['write', [b]]),
      fail: () => undefined,
    });
    joiner.offer([frame('1-3', 'm3')]);
    const replay = [Buffer.from('m1\n\n'), Buffer.from('m2\n\n'), Buffer.from('presence\n\n')];
    joiner.start(replay, '1-2');
    joiner.offer([frame('1-4', 'm4')]);
    expect(calls.map(([kind, bytes]) => [kind, bytes.map(String)])).toEqual([
      ['replay', ['m1\n\n', 'm2\n\n', 'presence\n\n']],
      ['write', ['m3\n\n']],
      ['write', ['m4\n\n']],
    ]);
    // Not copied: a replay holds the store's own frames, however long it waits for a slow reader.
    expect(calls[0][1].every((bytes, i) => bytes === replay[i])).toBe(true);
  });

  it('is caught up only once the feed has flushed up to its position, then takes the shared batches as they are', () => {
    const written: string[] = [];
    const joiner = joinerInto(written);
    expect(joiner.isCaughtUp(null)).toBe(false);
    joiner.start([], '1-5');
    expect(joiner.isCaughtUp('1-4')).toBe(false);
    expect(joiner.isCaughtUp('1-5')).toBe(true);
    const batches = new Subject<Buffer>();
    joiner.graduate(batches);
    const shared = Buffer.from('m6\n\n');
    batches.next(shared);
    expect(written).toEqual(['m6\n\n']);
    joiner.stop();
    batches.next(Buffer.from('m7\n\n'));
    expect(written).toHaveLength(1);
  });
});
