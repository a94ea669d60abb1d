import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * serve-warehouse's front door. PGlite is one backend: while one client holds a transaction open, the socket server
 * runs no other client's statement, and a few statements wedge it for good (COPY … TO/FROM PROGRAM, COPY … FROM
 * STDIN never return). In front of it, the guard passes each client's messages through, refuses those statements
 * with an error, and ends a client that sits idle in a transaction past `idleInTransactionMs` (its transaction rolls
 * back), as PostgreSQL's idle_in_transaction_session_timeout would: no client can hold the hourly job for long.
 */
export interface GuardOptions {
  /** The PGlite socket server it guards. */
  target: { host: string; port: number };
  port: number;
  /** Where it listens: loopback unless told (a container publishes its ports from 0.0.0.0). */
  host?: string;
  idleInTransactionMs: number;
}

/** How long a client may sit idle in a transaction unless told: the hourly job waits no longer behind a BEGIN. */
export const IDLE_IN_TRANSACTION_MS = 30_000;

/** Statements the embedded server cannot do safely; COPY … TO STDOUT (psql's \copy out) is fine. */
const UNSAFE = /\bCOPY\b[\s\S]*?\b(?:PROGRAM|FROM\s+STDIN)\b/i;
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
/** Messages after which the server answers: Sync, simple Query, Flush, Terminate, and the copy protocol's. */
const ENDS_BATCH = new Set(['S', 'Q', 'H', 'X', 'd', 'c', 'f']);

export async function startGuard(options: GuardOptions): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(options.target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    guardConnection(client, upstream, options.idleInTransactionMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function guardConnection(client: Socket, upstream: Socket, idleInTransactionMs: number): void {
  let started = false;
  let status = 'I';
  let discarding = false;
  let idle: NodeJS.Timeout | undefined;
  const fromClient = new Messages(() => started);
  const fromServer = new Messages(() => true);

  // PGlite serves one backend to every connection: a client's extended-protocol messages (Parse, Bind, Execute …)
  // must reach it together, up to their Sync, or another client's Parse lands between them and replaces the
  // unnamed statement. They are held until a message that ends a batch, then written in one piece.
  let pending: Buffer[] = [];
  const pass = (message: Buffer, type: string) => {
    pending.push(message);
    if (!ENDS_BATCH.has(type)) return;
    upstream.write(pending.length === 1 ? message : Buffer.concat(pending));
    pending = [];
  };

  client.on('data', (chunk: Buffer) => {
    clearTimeout(idle);
    for (const message of fromClient.push(chunk)) {
      if (!started) {
        const code = message.readInt32BE(4);
        // No TLS on loopback: say so ourselves, so that every byte the server sends after is a typed message.
        if (code === SSL_REQUEST || code === GSS_REQUEST) client.write('N');
        else {
          started = true;
          upstream.write(message);
        }
        continue;
      }
      const type = String.fromCharCode(message[0] ?? 0);
      // After a refused Parse, the extended protocol's messages up to Sync go with it, as a server discards them.
      if (discarding) {
        if (type === 'S') {
          discarding = false;
          client.write(readyForQuery(status));
        }
        continue;
      }
      const sql = statementOf(message);
      if (sql !== undefined && UNSAFE.test(sql)) {
        client.write(
          errorResponse(
            'ERROR',
            '0A000',
            'serve-warehouse refuses COPY FROM STDIN and COPY … PROGRAM: the embedded warehouse cannot do them without stopping for every client (COPY … TO STDOUT works)',
          ),
        );
        if (type === 'Q') client.write(readyForQuery(status));
        else {
          // The batch's earlier messages go with the refused Parse.
          pending = [];
          discarding = true;
        }
        continue;
      }
      pass(message, type);
    }
  });

  upstream.on('data', (chunk: Buffer) => {
    for (const message of fromServer.push(chunk)) {
      if (message[0] === 0x5a) {
        status = String.fromCharCode(message[5] ?? 0x49);
        clearTimeout(idle);
        if (status !== 'I') idle = setTimeout(endIdleTransaction, idleInTransactionMs).unref();
      }
      client.write(message);
    }
  });

  function endIdleTransaction() {
    client.end(
      errorResponse(
        'FATAL',
        '25P03',
        `terminating connection due to idle-in-transaction timeout (${idleInTransactionMs / 1000} s): serve-warehouse serves one transaction at a time`,
      ),
    );
    upstream.destroy();
  }
}

/** Whole protocol messages out of a byte stream: untyped while the startup phase lasts, typed after. */
class Messages {
  #buffered: Buffer = Buffer.alloc(0);
  readonly #typed: () => boolean;

  constructor(typed: () => boolean) {
    this.#typed = typed;
  }

  /** The whole messages a chunk completes, one at a time: whether the next is typed is asked before each. */
  *push(chunk: Buffer): Generator<Buffer> {
    this.#buffered = this.#buffered.length ? Buffer.concat([this.#buffered, chunk]) : chunk;
    for (;;) {
      const typed = this.#typed();
      if (this.#buffered.length < (typed ? 5 : 4)) return;
      const length = typed ? 1 + this.#buffered.readInt32BE(1) : this.#buffered.readInt32BE(0);
      if (this.#buffered.length < length) return;
      const message = this.#buffered.subarray(0, length);
      this.#buffered = this.#buffered.subarray(length);
      yield message;
    }
  }
}

/** The SQL of a Query ('Q': its text) or a Parse ('P': a name, then the text); undefined for other messages. */
function statementOf(message: Buffer): string | undefined {
  const type = String.fromCharCode(message[0] ?? 0);
  if (type === 'Q') return message.subarray(5, message.indexOf(0, 5)).toString('utf8');
  if (type !== 'P') return undefined;
  const text = message.indexOf(0, 5) + 1;
  return message.subarray(text, message.indexOf(0, text)).toString('utf8');
}

function errorResponse(severity: 'ERROR' | 'FATAL', code: string, text: string): Buffer {
  const fields = Buffer.from(`S${severity}\0V${severity}\0C${code}\0M${text}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

function readyForQuery(status: string): Buffer {
  return Buffer.from([0x5a, 0, 0, 0, 5, status.charCodeAt(0)]);
}
