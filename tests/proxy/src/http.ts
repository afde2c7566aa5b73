import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Source address on loopback (127.0.0.2, ...), so nginx sees different clients. */
  localAddress?: string;
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.once('error', reject);
  });
}

/** One HTTP/1.1 request to 127.0.0.1:port on its own connection. */
export function send(port: number, path: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (res) => {
        readBody(res).then(
          (body) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
          reject,
        );
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

/** A JSON POST as a browser on `origin` sends it (Origin and Sec-Fetch-Site set). */
export function postJson(
  port: number,
  path: string,
  payload: unknown,
  options: RequestOptions & { origin?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.origin) {
    headers.origin = options.origin;
    headers['sec-fetch-site'] = 'same-origin';
  }
  return send(port, path, { ...options, method: 'POST', headers, body: JSON.stringify(payload) });
}

/** The `code` of a `{"error":{"code",...}}` body, or undefined. */
export function errorCode(reply: Reply): string | undefined {
  try {
    return (JSON.parse(reply.body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** `qp_session=<token>` (or the `__Host-` form) from a login reply, as a Cookie header value. */
export function sessionCookie(reply: Reply): string {
  const cookie = (reply.headers['set-cookie'] ?? []).find((c) => /^(__Host-)?qp_session=/.test(c));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(reply.headers)}`);
  return cookie.split(';')[0]!;
}

export interface UpgradeReply extends Reply {
  /** On 101: the binary messages the server sent until it answered our sync step 1. */
  messages?: Buffer[];
}

/** A y-websocket "sync step 1" with an empty state vector: messageSync, step1, varUint8Array([0]). */
const SYNC_STEP_1 = Buffer.from([0, 0, 1, 0]);
/** messageSync followed by syncStep2: the server's answer to a sync step 1. */
const isSyncStep2 = (message: Buffer) => message[0] === 0 && message[1] === 1;

/** The message as one masked binary frame, as every client-to-server frame must be. */
function clientFrame(payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x82, 0x80 | payload.length]), mask, masked]);
}

/** Splits unmasked server frames off `buffer`; returns complete binary payloads and the rest. */
function takeFrames(buffer: Buffer): { binary: Buffer[]; rest: Buffer } {
  const binary: Buffer[] = [];
  let rest = buffer;
  while (rest.length >= 2) {
    let length = rest[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (rest.length < 4) break;
      length = rest.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (rest.length < 10) break;
      length = Number(rest.readBigUInt64BE(2));
      offset = 10;
    }
    if (rest.length < offset + length) break;
    if ((rest[0]! & 0x0f) === 0x2) binary.push(rest.subarray(offset, offset + length));
    rest = rest.subarray(offset + length);
  }
  return { binary, rest };
}

/** Reads binary messages until the server answers with sync step 2 (or fails after `timeoutMs`). */
function readUntilSyncStep2(socket: Duplex, head: Buffer, timeoutMs: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const messages: Buffer[] = [];
    let pending: Buffer = Buffer.alloc(0);
    const timer = setTimeout(
      () => finish(new Error(`no sync step 2 within ${timeoutMs} ms (${messages.length} messages)`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      const { binary, rest } = takeFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      messages.push(...binary);
      if (binary.some(isSyncStep2)) finish();
    };
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', finish);
      if (error) reject(error);
      else resolve(messages);
    };
    socket.on('data', onData);
    socket.once('error', finish);
    if (head.length > 0) onData(head);
  });
}

/**
 * A WebSocket opening handshake (RFC 6455) for `path`. A refusal comes back as an ordinary HTTP
 * response; on 101 the client sends a y-websocket sync step 1 and waits for the server's sync
 * step 2, so messages have crossed the proxy in both directions.
 */
export function upgrade(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<UpgradeReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      agent: false,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-version': '13',
        ...headers,
      },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      readBody(res).then(
        (body) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
        reject,
      );
    });
    req.once('upgrade', (res, socket, head) => {
      socket.write(clientFrame(SYNC_STEP_1));
      readUntilSyncStep2(socket, head, timeoutMs)
        .then((messages) =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '', messages }),
        )
        .catch(reject)
        .finally(() => socket.destroy());
    });
    req.end();
  });
}
