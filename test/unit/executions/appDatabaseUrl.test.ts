// Unit tests (mocha, Node): a Medusa app's DATABASE_URL read from its .env files the way Medusa's
// loadEnv reads them, without running the app's code.
import * as assert from 'node:assert/strict';
import { findAppDatabaseUrl } from '../../../engine/src/host/appDatabaseUrl';
import { tempProject, type TempProject } from '../host/tempProject';

describe('findAppDatabaseUrl', () => {
  let app: TempProject;
  beforeEach(() => {
    app = tempProject({
      '.env': [
        '# the app',
        'DB_HOST=localhost',
        'DATABASE_URL=postgres://medusa:secret@${DB_HOST}:5432/shop',
        '',
      ].join('\n'),
      '.env.production': 'DATABASE_URL="postgres://prod@db.internal:5432/shop"\n',
      // medusa-config must never be run: it would throw.
      'medusa-config.js': 'throw new Error("executed")\n',
    });
  });
  afterEach(() => app.remove());

  it('reads .env with ${VAR} expansion', () => {
    assert.equal(findAppDatabaseUrl(app.dir, {}), 'postgres://medusa:secret@localhost:5432/shop');
  });

  it('prefers the process environment, as dotenv does', () => {
    assert.equal(
      findAppDatabaseUrl(app.dir, { DATABASE_URL: 'postgres://env@127.0.0.1/x' }),
      'postgres://env@127.0.0.1/x',
    );
    assert.equal(
      findAppDatabaseUrl(app.dir, { DB_HOST: '10.0.0.5' }),
      'postgres://medusa:secret@10.0.0.5:5432/shop',
    );
  });

  it('reads .env.<NODE_ENV> first for staging, production and test only', () => {
    assert.equal(
      findAppDatabaseUrl(app.dir, { NODE_ENV: 'production' }),
      'postgres://prod@db.internal:5432/shop',
    );
    app.write('.env.development', 'DATABASE_URL=postgres://ignored/x\n');
    assert.equal(
      findAppDatabaseUrl(app.dir, { NODE_ENV: 'development' }),
      'postgres://medusa:secret@localhost:5432/shop',
    );
  });

  it('answers undefined when no file or variable sets it', () => {
    const empty = tempProject({ '.env': 'OTHER=1\nDATABASE_URL=\n' });
    try {
      assert.equal(findAppDatabaseUrl(empty.dir, {}), undefined);
      assert.equal(findAppDatabaseUrl(`${empty.dir}/missing`, {}), undefined);
    } finally {
      empty.remove();
    }
  });
});
