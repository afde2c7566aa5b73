import { inflateRawSync } from 'node:zlib';
import { expect, type APIRequestContext } from '@playwright/test';

/** A clerk (Gremienbetreuung) created through the API. */
export async function createClerk(api: APIRequestContext, email: string, password: string): Promise<void> {
  const res = await api.post('/api/users', {
    data: { email, name: 'Clara Clerk', password, role: 'clerk', memberships: [] },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** A committee through the API; returns its id. */
export async function createCommittee(api: APIRequestContext, name: string, kind: string): Promise<string> {
  const res = await api.post('/api/committees', { data: { name, kind } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/**
 * The text of one entry of a ZIP file (a .docx is one), read the way unzip does: the central directory
 * at the end names each entry and where its local header is; the data is stored or deflated.
 */
export function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a ZIP file: no end of central directory');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entryName = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entryName === name) {
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataStart, dataStart + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} missing from the ZIP file`);
}

/** Checks a PDF's frame: header, trailer and a cross-reference offset that points at the xref. */
export function checkPdf(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const tail = pdf.subarray(-1024).toString('latin1');
  expect(tail.trimEnd().endsWith('%%EOF')).toBe(true);
  const offset = Number(/startxref\s+(\d+)/.exec(tail)?.[1]);
  const xref = pdf.subarray(offset, offset + 40).toString('latin1');
  expect(xref).toMatch(/^(xref|\d+ \d+ obj)/);
}
