// Unit tests (mocha, Node) of the language server's background Indexer with a recording fake
// index: world by world, the opened file's world first, a whole-world analysis after each world,
// stoppable between files, progress only when asked.
import * as assert from 'node:assert/strict';
import {
  Indexer,
  type IndexTarget,
  type ProgressSink,
} from '../../../server/src/features/indexing';

function fakeIndex(): IndexTarget & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    worldOf: (path) => path.split('/')[1]!,
    warm: (paths) => log.push(...paths.map((p) => `warm ${p}`)),
    refreshWorld: (world) => log.push(`world ${world}`),
  };
}

const silent: ProgressSink = { begin() {}, report() {}, done() {} };

function indexer(target: IndexTarget, progress = silent, progressDelayMs = 60_000): Indexer {
  return new Indexer(target, {
    external: false,
    title: 'Indexing Medusa workflows',
    describe: (w) => `app ${w}`,
    progress: () => Promise.resolve(progress),
    progressDelayMs,
  });
}

const files = ['/a/1.ts', '/a/2.ts', '/b/1.ts', '/b/2.ts', '/c/1.ts'];

describe('background indexer', () => {
  it('indexes world by world and analyzes each world whole after its files', async () => {
    const target = fakeIndex();
    const ix = indexer(target);
    ix.add(files);
    await ix.run();
    assert.deepEqual(target.log, [
      'warm /a/1.ts',
      'warm /a/2.ts',
      'world a',
      'warm /b/1.ts',
      'warm /b/2.ts',
      'world b',
      'warm /c/1.ts',
      'world c',
    ]);
    assert.ok(ix.done);
  });

  it('takes the world of a file opened meanwhile next, before the rest', async () => {
    const target = fakeIndex();
    const ix = indexer(target);
    ix.add(files);
    const running = ix.run();
    // The first file is warmed synchronously; the open arrives at the first yield.
    ix.prioritize('/c/1.ts');
    await running;
    assert.deepEqual(target.log.slice(0, 4), [
      'warm /a/1.ts',
      'warm /c/1.ts',
      'world c',
      'warm /a/2.ts',
    ]);
  });

  it('stops between files when cancelled (the window closed), keeping what was done', async () => {
    const target = fakeIndex();
    const ix = indexer(target);
    ix.add(files);
    const running = ix.run();
    ix.cancel();
    await running;
    assert.deepEqual(target.log, ['warm /a/1.ts']);
    assert.equal(ix.done, false);
  });

  it('reports progress naming the app being indexed, and ends it', async () => {
    const events: string[] = [];
    const sink: ProgressSink = {
      begin: (title, message) => events.push(`begin ${title}: ${message}`),
      report: (_, message) => events.push(`report ${message}`),
      done: () => events.push('done'),
    };
    const target = fakeIndex();
    const ix = indexer(target, sink, 0);
    ix.add(files);
    await ix.run();
    assert.match(events[0] ?? '', /^begin Indexing Medusa workflows: app a \([0-2]\/2 files\)$/);
    assert.equal(events.at(-1), 'done');
    assert.equal(events.filter((e) => e === 'done').length, 1);
  });

  it('shows no progress when indexing ends before the delay', async () => {
    let created = 0;
    const ix = new Indexer(fakeIndex(), {
      external: false,
      title: 't',
      describe: (w) => w,
      progress: () => {
        created++;
        return Promise.resolve(silent);
      },
      progressDelayMs: 60_000,
    });
    ix.add(files);
    await ix.run();
    assert.equal(created, 0);
  });
});
