// What a "container": "app" run says about its database (engine/src/host/database.ts): the
// target without credentials, and which hosts count as local.
import * as assert from 'node:assert/strict';
import { describeDatabase } from '../../../engine/src/host/database';

describe('describeDatabase', () => {
  it('shows host, port and name, never the user or password', () => {
    const d = describeDatabase('postgres://admin:p%40ss@127.0.0.1:6543/shop?sslmode=disable');
    assert.equal(d.display, 'postgres://127.0.0.1:6543/shop');
    assert.equal(d.local, true);
    assert.doesNotMatch(JSON.stringify(d), /admin|p%40ss|p@ss/);
  });

  it('counts unix sockets, 127.0.0.0/8, ::1 and localhost as local', () => {
    for (const url of [
      'postgres:///shop',
      'postgres://user@/shop?host=/var/run/postgresql',
      'postgresql://127.8.9.10/shop',
      'postgres://[::1]:5432/shop',
      'postgres://localhost/shop',
    ]) {
      assert.equal(describeDatabase(url).local, true, url);
    }
    assert.equal(describeDatabase('postgres:///shop').socket, '/var/run/postgresql/.s.PGSQL.5432');
  });

  it('counts any other host as remote', () => {
    for (const url of [
      'postgres://db.example.com/shop',
      'postgres://10.0.0.5:5432/shop',
      'postgres://128.0.0.1/shop',
      'postgres://[2001:db8::1]/shop',
      'postgres://localhost.example.com/shop',
    ]) {
      assert.equal(describeDatabase(url).local, false, url);
    }
  });

  it('rejects a URL it cannot parse without echoing it', () => {
    assert.throws(
      () => describeDatabase('not a url with s3cret'),
      (err: Error) => {
        assert.doesNotMatch(err.message, /s3cret/);
        return /not a valid postgres:\/\/ URL/.test(err.message);
      },
    );
  });
});
