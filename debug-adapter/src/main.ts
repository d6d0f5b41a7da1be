// Debug adapter process entry (dist/debugAdapter.js): speaks DAP on stdio, or on a TCP port with
// `--server=PORT` (one session per connection). Nothing imports this file.
import { createServer } from 'node:net';
import { collectOnMainThread } from './gcLatency';
import { MedusaDebugSession } from './session';

collectOnMainThread();

const serverArg = process.argv.find((a) => a.startsWith('--server='));

if (serverArg) {
  const port = Number(serverArg.slice('--server='.length));
  createServer((socket) => {
    const session = new MedusaDebugSession();
    session.setRunAsServer(true);
    session.start(socket, socket);
  }).listen(port, '127.0.0.1');
} else {
  const session = new MedusaDebugSession();
  process.on('SIGTERM', () => session.shutdown());
  session.start(process.stdin, process.stdout);
}
