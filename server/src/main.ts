// Language-server process entry (bundled as dist/server.js): picks the transport from argv
// (`--stdio`, `--node-ipc`, `--socket=<port>`, `--pipe=<name>`) and starts the server.
// Nothing imports this file. stdout belongs to the protocol: no console.* here or below.
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

const transports = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
const args = process.argv.slice(2);
if (!args.some((a) => transports.some((t) => a === t || (t.endsWith('=') && a.startsWith(t))))) {
  process.stderr.write(
    'medusa-workflows language server: pass a transport: --stdio, --node-ipc, --socket=<port> or --pipe=<name>\n',
  );
  process.exit(2);
}

startServer(createConnection());
