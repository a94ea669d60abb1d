import { connect, createServer, type Server, type Socket } from 'node:net';
import { readOnlyRefusal } from './read-only-statements.ts';

/**
 * serve-warehouse's front door. PGlite is one backend: while one client holds a transaction open, the socket server
 * runs no other client's statement, and a few statements wedge it for good (COPY … TO/FROM PROGRAM, COPY … FROM
 * STDIN never return). In front of it, the guard passes each client's messages through, refuses those statements
 * with an error, and ends a client that sits idle in a transaction past `idleInTransactionMs` (its transaction rolls
 * back), as PostgreSQL's idle_in_transaction_session_timeout would: no client can hold the hourly job for long.
 *
 * PGlite has one user, so a role's grants hold only while the session is that role. A client that logs in as any
 * user but `postgres` (the BI role, `stockpipe_bi`) is served read-only: each of its batches runs in a READ ONLY
 * transaction as `stockpipe_bi`, which the guard then rolls back, and statements that would step out of it are
 * refused (read-only-statements.ts). No password is asked: this is a guard rail for BI clients, not a lock.
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
/** The user the job and admins connect as; every other user name is served read-only as the BI role. */
const READ_WRITE_USER = 'postgres';
/** A read-only transaction as the BI role; its SELECT takes the snapshot after which SET TRANSACTION READ WRITE fails. */
const READ_ONLY_BEGIN = queryMessage('BEGIN READ ONLY; SET LOCAL ROLE stockpipe_bi; SELECT 1');
/** Rollback, not commit: whatever a read-only session set or made (SET, temp tables) ends with its statement. */
const READ_ONLY_END = queryMessage('ROLLBACK');
/** Which of the server's answers to one Query or Sync reach the client: its messages, its ReadyForQuery. */
type Answer = { body: boolean; ready: boolean };
const GUARDS_OWN: Answer = { body: false, ready: false };
const CLIENTS: Answer = { body: true, ready: false };
const CLOSING: Answer = { body: false, ready: true };

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
  let readOnly = false;
  /** A read-only session's transaction is open (a Flush came before its Sync). */
  let wrapped = false;
  /** One for each Query or Sync of a read-only session sent upstream, in order; none for other sessions. */
  const answers: Answer[] = [];
  const fromClient = new Messages(() => started);
  const fromServer = new Messages(() => true);

  // PGlite serves one backend to every connection: a client's extended-protocol messages (Parse, Bind, Execute …)
  // must reach it together, up to their Sync, or another client's Parse lands between them and replaces the
  // unnamed statement. They are held until a message that ends a batch, then written in one piece.
  let pending: Buffer[] = [];
  const pass = (message: Buffer, type: string) => {
    pending.push(message);
    if (!ENDS_BATCH.has(type)) return;
    if (readOnly && type !== 'X') {
      if (!wrapped) {
        pending.unshift(READ_ONLY_BEGIN);
        answers.push(GUARDS_OWN);
        wrapped = true;
      }
      if (type === 'Q' || type === 'S') {
        pending.push(READ_ONLY_END);
        answers.push(CLIENTS, CLOSING);
        wrapped = false;
      }
    }
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
          readOnly = startupUser(message) !== READ_WRITE_USER;
          upstream.write(message);
        }
        continue;
      }
      const type = String.fromCharCode(message[0] ?? 0);
      // After a refused Parse, the extended protocol's messages up to Sync go with it, as a server discards them.
      if (discarding) {
        if (type === 'S') {
          discarding = false;
          if (wrapped) {
            upstream.write(READ_ONLY_END);
            answers.push(CLOSING);
            wrapped = false;
          } else client.write(readyForQuery(status));
        }
        continue;
      }
      const sql = statementOf(message);
      const refusal = sql === undefined ? undefined : refusalOf(sql, readOnly);
      if (refusal) {
        client.write(errorResponse('ERROR', refusal.code, refusal.text));
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
      const ready = message[0] === 0x5a;
      if (ready) {
        status = String.fromCharCode(message[5] ?? 0x49);
        clearTimeout(idle);
        if (status !== 'I') idle = setTimeout(endIdleTransaction, idleInTransactionMs).unref();
      }
      const answer = ready ? answers.shift() : answers[0];
      if (answer === undefined || (ready ? answer.ready : answer.body)) client.write(message);
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

function refusalOf(sql: string, readOnly: boolean): { code: string; text: string } | undefined {
  if (UNSAFE.test(sql)) {
    return {
      code: '0A000',
      text: 'serve-warehouse refuses COPY FROM STDIN and COPY … PROGRAM: the embedded warehouse cannot do them without stopping for every client (COPY … TO STDOUT works)',
    };
  }
  const readOnlyRefused = readOnly ? readOnlyRefusal(sql) : undefined;
  // 25006 read_only_sql_transaction: what PostgreSQL answers a write in a read-only transaction.
  return readOnlyRefused ? { code: '25006', text: readOnlyRefused } : undefined;
}

/** The user a StartupMessage names (its parameters are name\0value\0 pairs after the protocol version). */
function startupUser(message: Buffer): string | undefined {
  const fields = message.subarray(8).toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'user') return fields[i + 1];
  return undefined;
}

function queryMessage(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('Q', 0);
  header.writeInt32BE(text.length + 4, 1);
  return Buffer.concat([header, text]);
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
