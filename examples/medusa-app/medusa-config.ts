// Fixture app (the tests' real Medusa 2.21 application): loaded by Medusa itself (`medusa
// db:migrate`, `medusa exec`) and by the debugger's `"container": "app"` boot. DATABASE_URL comes
// from .env, which scripts/pg.mjs writes for the project's throwaway Postgres.
import { defineConfig, loadEnv } from '@medusajs/framework/utils';

loadEnv(process.env.NODE_ENV || 'development', process.cwd());

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: 'http://localhost:8000',
      adminCors: 'http://localhost:9000',
      authCors: 'http://localhost:9000',
      jwtSecret: process.env.JWT_SECRET || 'supersecret',
      cookieSecret: process.env.COOKIE_SECRET || 'supersecret',
    },
  },
  admin: { disable: true },
  modules: [{ resolve: './src/modules/brand' }],
});
