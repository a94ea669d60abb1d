import { readFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/** Test certificates (see certs/README.md): a CA, the 127.0.0.1 certificate it signed, and an unrelated CA. */
export const TEST_CERTS = {
  caFile: new URL('../certs/ca.pem', import.meta.url).pathname,
  otherCaFile: new URL('../certs/other-ca.pem', import.meta.url).pathname,
};

export interface PostgresGate {
  /** `postgresql://127.0.0.1:PORT/<database>`: no user, no password. */
  url(database: string): string;
  /** How each client came in: over TLS or not, as which user, and whether the gate let it through. */
  readonly clients: { tls: boolean; user: string | undefined; admitted: boolean }[];
  /** Every statement clients sent through the gate (a Query's text, or a Parse's), in order. */
  readonly statements: string[];
  /**
   * Arms a fault: the next statement matching `at`, on any connection, is not passed on; instead the connection is
   * cut (both sides closed: the client reads "Connection terminated unexpectedly") or silenced (both sides left
   * open, nothing passed either way again: a server that stops answering). Once, unless `times` says more.
   */
  fault(fault: { at: RegExp; act: 'cut' | 'silence'; times?: number }): void;
  /** Disarms the fault, and closes the connections it silenced: the server rolls back what they held. */
  heal(): void;
  /** How many statements a fault took. */
  readonly faulted: number;
  close(): Promise<void>;
}

interface ArmedFault {
  at: RegExp;
  act: 'cut' | 'silence';
  times: number;
}

const SSL_REQUEST = 80877103;

/**
 * A PostgreSQL server's front door in front of a real one (whose auth is `trust` on test machines): it can demand
 * TLS with the test certificate, and a cleartext password, as RDS does, before it passes the connection through.
 * It speaks just enough of the wire protocol: SSLRequest, the startup message, AuthenticationCleartextPassword,
 * and then the statements (Query, Parse), so that a fault can cut or silence a connection at a chosen one.
 */
export async function startPostgresGate(options: {
  target: { host: string; port: number };
  tls?: boolean;
  password?: string;
}): Promise<PostgresGate> {
  const clients: PostgresGate['clients'] = [];
  const statements: string[] = [];
  const sockets = new Set<Socket>();
  const silenced = new Set<Socket>();
  let armed: ArmedFault | undefined;
  let faulted = 0;
  const server = createServer((raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => {});
    void admit(raw).catch(() => raw.destroy());
  });

  async function admit(raw: Socket) {
    let socket: Socket = raw;
    let reader = new Reader(socket);
    let first = await reader.message();
    const client = { tls: false, user: undefined as string | undefined, admitted: false };
    clients.push(client);
    if (first.readInt32BE(4) === SSL_REQUEST) {
      reader.detach();
      socket.write(options.tls ? 'S' : 'N');
      if (options.tls) {
        socket = new TLSSocket(raw, {
          isServer: true,
          key: readFileSync(new URL('../certs/server-key.pem', import.meta.url)),
          cert: readFileSync(new URL('../certs/server-cert.pem', import.meta.url)),
        });
        socket.on('error', () => raw.destroy());
        client.tls = true;
      }
      reader = new Reader(socket);
      first = await reader.message();
    }
    client.user = startupParameters(first).user;
    if (options.tls && !client.tls)
      return refuse(socket, '28000', 'this server accepts TLS connections only');
    if (options.password !== undefined) {
      socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])); // AuthenticationCleartextPassword
      const answer = await reader.typed();
      const given = answer.subarray(5, answer.length - 1).toString('utf8');
      if (answer[0] !== 0x70 || given !== options.password)
        return refuse(socket, '28P01', `password authentication failed for user "${client.user}"`);
    }
    client.admitted = true;
    const upstream = createConnection(options.target);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.write(first);
    upstream.pipe(socket);
    // Message by message from here, so that a fault can take the statement it is armed for.
    for (;;) {
      const message = await reader.typed();
      const statement = statementOf(message);
      if (statement !== undefined) statements.push(statement);
      if (statement !== undefined && armed?.at.test(statement)) {
        faulted += 1;
        const { act } = armed;
        armed.times -= 1;
        if (armed.times <= 0) armed = undefined;
        if (act === 'cut') {
          upstream.destroy();
          socket.destroy();
        } else {
          upstream.unpipe(socket);
          reader.detach();
          silenced.add(socket).add(upstream);
        }
        return;
      }
      upstream.write(message);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (database) => `postgresql://127.0.0.1:${port}/${database}`,
    clients,
    statements,
    fault: ({ at, act, times = 1 }) => {
      armed = { at, act, times };
    },
    heal: () => {
      armed = undefined;
      for (const socket of silenced) socket.destroy();
      silenced.clear();
    },
    get faulted() {
      return faulted;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The SQL of a Query ('Q': its text) or a Parse ('P': a name, then the text); undefined for other messages. */
function statementOf(message: Buffer): string | undefined {
  const type = String.fromCharCode(message[0] ?? 0);
  if (type === 'Q') return message.subarray(5, message.indexOf(0, 5)).toString('utf8');
  if (type !== 'P') return undefined;
  const text = message.indexOf(0, 5) + 1;
  return message.subarray(text, message.indexOf(0, text)).toString('utf8');
}

function startupParameters(message: Buffer): Record<string, string> {
  const parts = message.subarray(8).toString('utf8').split('\0');
  const parameters: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2)
    if (parts[i]) parameters[parts[i] as string] = parts[i + 1] ?? '';
  return parameters;
}

function refuse(socket: Socket, code: string, message: string): void {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(fields.length + 4, 1);
  socket.end(Buffer.concat([header, fields]));
}

/** Whole protocol messages from a socket: untyped (startup: length first) or typed (a letter, then the length). */
class Reader {
  #buffered = Buffer.alloc(0);
  #waiting: (() => void) | undefined;
  readonly #socket: Socket;
  readonly #onData = (chunk: Buffer) => {
    this.#buffered = Buffer.concat([this.#buffered, chunk]);
    this.#waiting?.();
  };

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', this.#onData);
  }

  /** A startup-phase message: int32 length (itself included), then the body. */
  async message(): Promise<Buffer> {
    await this.#have(4);
    return this.#take(this.#buffered.readInt32BE(0));
  }

  /** A typed message: one letter, int32 length, then the body. */
  async typed(): Promise<Buffer> {
    await this.#have(5);
    return this.#take(1 + this.#buffered.readInt32BE(1));
  }

  /** Stops reading; returns what was read but not taken. */
  detach(): Buffer {
    this.#socket.off('data', this.#onData);
    const rest = this.#buffered;
    this.#buffered = Buffer.alloc(0);
    return rest;
  }

  async #take(length: number): Promise<Buffer> {
    await this.#have(length);
    const message = this.#buffered.subarray(0, length);
    this.#buffered = this.#buffered.subarray(length);
    return message;
  }

  #have(length: number): Promise<void> {
    if (this.#buffered.length >= length) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const closed = () => reject(new Error('client went away'));
      this.#socket.once('close', closed);
      this.#waiting = () => {
        if (this.#buffered.length < length) return;
        this.#waiting = undefined;
        this.#socket.off('close', closed);
        resolve();
      };
    });
  }
}
