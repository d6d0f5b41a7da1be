// Debug adapter tests: plays VS Code's JavaScript debugger on the runner's inspector (Chrome
// DevTools Protocol). Node 20's WebSocket needs a flag, so a small child process holds the socket
// and speaks JSON lines on stdio: requests in, responses and events out.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const RELAY = `const ws = new WebSocket(process.argv[1]);
ws.onmessage = (m) => process.stdout.write(m.data + '\\n');
ws.onclose = () => process.exit(0);
ws.onopen = () => {
  process.stdout.write('{"open":true}\\n');
  require('node:readline').createInterface({ input: process.stdin }).on('line', (l) => ws.send(l));
};
process.stdin.on('end', () => ws.close());`;

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
  open?: boolean;
}

export class Inspector {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly waiters: { method: string; resolve: (params: unknown) => void }[] = [];
  /** Events nobody waited for yet, in order. */
  private readonly unclaimed: { method: string; params: unknown }[] = [];
  private readonly opened: Promise<void>;

  constructor(websocketAddress: string) {
    this.child = spawn(
      process.execPath,
      ['--experimental-websocket', '-e', RELAY, websocketAddress],
      {
        stdio: ['pipe', 'pipe', 'ignore'],
      },
    );
    let open!: () => void;
    this.opened = new Promise((r) => (open = r));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const m = JSON.parse(line) as Message;
      if (m.open) open();
      else if (m.id !== undefined) this.pending.get(m.id)?.(m);
      else if (m.method) {
        const i = this.waiters.findIndex((w) => w.method === m.method);
        if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(m.params);
        else this.unclaimed.push({ method: m.method, params: m.params });
      }
    });
  }

  async send(method: string, params: unknown = {}): Promise<unknown> {
    await this.opened;
    const id = this.nextId++;
    const answer = new Promise<Message>((r) => this.pending.set(id, r));
    this.child.stdin!.write(`${JSON.stringify({ id, method, params })}\n`);
    const m = await answer;
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result;
  }

  /** The first event `method` not taken yet, or the next one to come. */
  next(method: string): Promise<unknown> {
    const i = this.unclaimed.findIndex((e) => e.method === method);
    if (i >= 0) return Promise.resolve(this.unclaimed.splice(i, 1)[0]?.params);
    return new Promise((resolve) => this.waiters.push({ method, resolve }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.on('exit', () => resolve());
      this.child.stdin!.end();
    });
  }
}
