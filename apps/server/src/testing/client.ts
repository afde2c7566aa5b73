import { request } from 'node:http';
import type { ErrorBody, LoginResponseDto } from '@quartierplan/domain';
import { checkDocumentedResponse } from './contract.ts';

/** What a test sees of a response: status, headers, the raw bytes and text and the parsed JSON body. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** The body as sent (files: CSV with its BOM, XLSX, DOCX, PDF). */
  bytes: Uint8Array<ArrayBuffer>;
  text: string;
  /** Parsed JSON, or null for an empty or non-JSON body. Not checked against T: assert on it. */
  body: T;
}

export interface RequestOptions {
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as is, with whatever `content-type` the headers give. */
  body?: string | Uint8Array | FormData | URLSearchParams | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}

export type ErrorResponse = ApiResponse<ErrorBody>;

let addresses = 0;

/** A documentation-range address (TEST-NET-2) unique within this test process. */
function nextClientAddress(): string {
  addresses += 1;
  return `198.51.${Math.floor(addresses / 250) % 250}.${(addresses % 250) + 1}`;
}

/**
 * A client of the API over real HTTP, like a browser: it keeps the cookies the server sets and
 * sends them back. Each client presents its own address (see `startTestServer`).
 */
export class ApiClient {
  readonly address: string;
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly origin: string,
    options: { address?: string } = {},
  ) {
    this.address = options.address ?? nextClientAddress();
  }

  /** The value of a cookie the server set and has not cleared. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Puts a cookie into the jar, as a browser (or an attacker) might hold it. */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers = new Headers(options.headers);
    if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', this.address);
    if (this.cookies.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const response = await fetch(new URL(path, this.origin), {
      method,
      headers,
      body: body ?? null,
      redirect: 'manual',
      // Needed by fetch for streamed request bodies.
      ...(body instanceof ReadableStream ? { duplex: 'half' as const } : {}),
    });
    this.storeCookies(response.headers.getSetCookie());
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    const contentType = response.headers.get('content-type') ?? '';
    const isJson = /^application\/([\w.-]+\+)?json/i.test(contentType);
    const parsed: unknown = isJson && text ? JSON.parse(text) : null;
    const url = new URL(path, this.origin);
    if (url.origin === this.origin) {
      checkDocumentedResponse(method, url.pathname, response.status, contentType, parsed);
    }
    return { status: response.status, headers: response.headers, bytes, text, body: parsed as T };
  }

  get<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(path: string, json?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, json === undefined ? options : { ...options, json });
  }

  patch<T = unknown>(path: string, json?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', path, json === undefined ? options : { ...options, json });
  }

  put<T = unknown>(path: string, json?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', path, json === undefined ? options : { ...options, json });
  }

  delete<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  login(email: string, password: string): Promise<ApiResponse<LoginResponseDto>> {
    return this.post<LoginResponseDto>('/api/auth/login', { email, password });
  }

  private storeCookies(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const removed =
        value === '' ||
        attributes.some((a) => /^max-age=0$/i.test(a)) ||
        attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now());
      if (removed) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/**
 * Streams `totalBytes` of request body in chunks, without Content-Length, and resolves with the
 * response as soon as it arrives. Unlike fetch, which fails the whole exchange when the server
 * answers early and drops the rest of an upload, this shows what the server actually answered.
 */
export function sendStreamed(
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; totalBytes: number },
): Promise<ApiResponse> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(new URL(path, origin), {
      method: options.method ?? 'POST',
      headers: { 'x-forwarded-for': nextClientAddress(), ...options.headers },
    });
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        const bytes = new Uint8Array(Buffer.concat(parts));
        const text = new TextDecoder().decode(bytes);
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of [value ?? []].flat()) headers.append(name, v);
        }
        const contentType = res.headers['content-type'] ?? '';
        const isJson = /^application\/([\w.-]+\+)?json/i.test(contentType);
        const body: unknown = isJson && text ? JSON.parse(text) : null;
        const status = res.statusCode ?? 0;
        try {
          checkDocumentedResponse(
            options.method ?? 'POST',
            new URL(path, origin).pathname,
            status,
            contentType,
            body,
          );
          resolve({ status, headers, bytes, text, body });
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    // Once the server has answered, a reset of the rest of the upload is expected, not a failure.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    let sent = 0;
    const pump = () => {
      while (!answered && sent < options.totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
