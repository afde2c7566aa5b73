import { checkDocumentedResponse } from './contract.ts';

/** One answer as a browser saw it, at the URL it was fetched from. */
export interface BrowserPage {
  url: URL;
  status: number;
  headers: Headers;
  text: string;
}

interface StoredCookie {
  value: string;
  path: string;
}

let addresses = 0;

/**
 * A browser for flows across origins (the product and an OpenID provider on 127.0.0.1): a cookie jar that
 * honours Path (and, like browsers, ignores the port), redirects followed one by one so a test can stop
 * before any of them, and forms submitted as `application/x-www-form-urlencoded`. Answers of the product's
 * /api are checked against the OpenAPI document like the API client's.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, StoredCookie>();
  readonly address: string;

  constructor(private readonly productOrigin: string) {
    addresses += 1;
    this.address = `203.0.113.${(addresses % 250) + 1}`;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.cookies.set(name, { value, path });
  }

  /** One request, no redirect followed. */
  async request(
    url: string | URL,
    init: { method?: string; form?: URLSearchParams } = {},
  ): Promise<BrowserPage> {
    const target = new URL(url);
    const method = init.method ?? (init.form ? 'POST' : 'GET');
    const headers = new Headers({ 'x-forwarded-for': this.address });
    const cookie = [...this.cookies]
      .filter(
        ([, c]) => target.pathname === c.path || target.pathname.startsWith(c.path.replace(/\/?$/, '/')),
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    if (cookie) headers.set('cookie', cookie);
    if (init.form) headers.set('content-type', 'application/x-www-form-urlencoded');
    if (method !== 'GET') headers.set('origin', target.origin);
    const response = await fetch(target, {
      method,
      headers,
      body: init.form ? init.form.toString() : null,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) this.store(line);
    const text = await response.text();
    if (target.origin === this.productOrigin) {
      const type = response.headers.get('content-type') ?? '';
      const body: unknown = /json/.test(type) && text ? JSON.parse(text) : null;
      checkDocumentedResponse(method, target.pathname, response.status, type, body);
    }
    return { url: target, status: response.status, headers: response.headers, text };
  }

  /**
   * Requests a URL and follows redirects (as GET, as browsers do after 302/303) until an answer is no
   * redirect, or until the next URL satisfies `stopBefore`: then that URL is returned unrequested.
   */
  async visit(
    url: string | URL,
    options: { form?: URLSearchParams; stopBefore?: (next: URL) => boolean } = {},
  ): Promise<BrowserPage | { url: URL; status: 0 }> {
    let page = await this.request(url, options.form ? { form: options.form } : {});
    for (let hops = 0; hops < 20; hops++) {
      const location = page.headers.get('location');
      if (page.status < 300 || page.status >= 400 || !location) return page;
      const next = new URL(location, page.url);
      if (options.stopBefore?.(next)) return { url: next, status: 0 };
      page = await this.request(next);
    }
    throw new Error(`too many redirects from ${String(url)}`);
  }

  /** Submits the first form of a page with its hidden fields plus `fields`. */
  async submit(
    page: BrowserPage,
    fields: Record<string, string>,
    options: { stopBefore?: (next: URL) => boolean } = {},
  ) {
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.text);
    if (!form) throw new Error(`no form on ${page.url.href}: ${page.text.slice(0, 300)}`);
    const data = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
      const name = /name="([^"]+)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      if (name) data.set(name, value);
    }
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return this.visit(new URL(form[1]!.replace(/&amp;/g, '&'), page.url), {
      form: data,
      ...(options.stopBefore ? { stopBefore: options.stopBefore } : {}),
    });
  }

  private store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) || '/';
    const removed =
      value === '' ||
      attributes.some((a) => /^max-age=(0|-)/i.test(a)) ||
      attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now());
    if (removed) this.cookies.delete(name);
    else this.cookies.set(name, { value, path });
  }
}
