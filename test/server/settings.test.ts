// Server suite (mocha, Node): Settings.from normalizes whatever the client sends, once.
import * as assert from 'node:assert/strict';
import { Settings, SettingsCache } from '../../server/src/settings';

describe('Settings.from', () => {
  it('gives the defaults for missing or malformed input', () => {
    for (const raw of [undefined, null, 42, 'x', [], {}]) {
      const s = Settings.from(raw);
      assert.deepEqual(
        [s.diagnostics, s.inlayHints, s.codeLens, s.analysis],
        [
          { enable: true, debounceMs: 200 },
          { enable: true },
          { enable: true },
          { includeNodeModules: false },
        ],
      );
    }
  });

  it('reads nested and flat (dotted) keys, and ignores values of the wrong type', () => {
    const nested = Settings.from({
      diagnostics: { enable: false, debounceMs: 50 },
      inlayHints: { enable: 'no' },
      analysis: { includeNodeModules: true },
    });
    assert.equal(nested.diagnostics.enable, false);
    assert.equal(nested.diagnostics.debounceMs, 50);
    assert.equal(nested.inlayHints.enable, true);
    assert.equal(nested.analysis.includeNodeModules, true);
    const flat = Settings.from({ 'codeLens.enable': false, 'diagnostics.debounceMs': -3 });
    assert.equal(flat.codeLens.enable, false);
    assert.equal(flat.diagnostics.debounceMs, 200);
    assert.equal(Settings.from({ diagnostics: { debounceMs: 1e9 } }).diagnostics.debounceMs, 5000);
  });
});

describe('SettingsCache', () => {
  it('asks once per resource until cleared, and falls back to defaults when asking fails', async () => {
    const asked: (string | undefined)[] = [];
    const cache = new SettingsCache((resource) => {
      asked.push(resource);
      return resource === 'file:///bad'
        ? Promise.reject(new Error('no'))
        : Promise.resolve({ inlayHints: { enable: false } });
    });
    assert.equal((await cache.get('file:///a')).inlayHints.enable, false);
    assert.equal((await cache.get('file:///a')).inlayHints.enable, false);
    assert.equal((await cache.get('file:///bad')).inlayHints.enable, true);
    assert.deepEqual(asked, ['file:///a', 'file:///bad']);
    cache.clear();
    await cache.get('file:///a');
    assert.deepEqual(asked, ['file:///a', 'file:///bad', 'file:///a']);
  });
});
