import { testDatabases } from '@quartierplan/db/testing';
import type { PaperDto } from '@quartierplan/domain';
import { INJECTIONS, docxParts, oparlValidator, readDocx, readPdf } from '@quartierplan/export/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { useTestServer } from '../../testing/server.ts';
import {
  completePaper,
  createPaper,
  createPaperWorld,
  download,
  releasePaper,
  type PaperWorld,
} from '../../testing/papers.ts';

describe.each(testDatabases())('paper exports on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;
  let paper: PaperDto;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
    const measure = await w.plannedMeasure('Netzwerkkoordination Altenhagen');
    paper = await createPaper(w.clerk, {
      ...completePaper(w, [measure.id]),
      subject: `Größere Maßnahme ${INJECTIONS.join(' ')}`,
      justification: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Beteiligung vor Ort' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Erste Zeile' },
              { type: 'hardBreak' },
              {
                type: 'text',
                text: 'Förderportal',
                marks: [{ type: 'link', attrs: { href: 'https://evil.example/x' } }],
              },
            ],
          },
        ],
      },
    });
    paper = await releasePaper(w.clerk, paper.id);
  });

  it('serves DOCX that Word readers open, with the RFC 6266 file name and no field codes or links from user text', async () => {
    const response = await download(w.clerk, `/api/papers/${paper.id}/export?format=docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const name = `Beschlussvorlage_${paper.reference.replace('/', '-')}.docx`;
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${name}"; filename*=UTF-8''${name}`,
    );
    const { text, html } = await readDocx(response.bytes);
    expect(text).toContain(paper.reference);
    expect(text).toContain('Größere Maßnahme');
    expect(html).toContain('Erste Zeile<br />Förderportal (https://evil.example/x)');
    expect(text).toContain('Netzwerkkoordination Altenhagen');
    const parts = await docxParts(response.bytes);
    const document = parts['word/document.xml'] ?? '';
    expect(document).not.toMatch(/<w:hyperlink|<w:fldSimple|w:instrText/);
    expect(Object.values(parts).join('')).not.toContain('evil.example/x"');
  });

  it('serves a PDF whose text reads back', async () => {
    const response = await download(w.clerk, `/api/papers/${paper.id}/export?format=pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''Beschlussvorlage_`);
    const { text } = await readPdf(response.bytes);
    expect(text).toContain('ÖFFENTLICHE BESCHLUSSVORLAGE');
    expect(text).toContain(paper.reference);
    expect(text).toContain('Jugendhilfeausschuss');
  });

  it('serves the OParl bundle, valid against the OParl 1.1 schemas', async () => {
    const response = await w.clerk.get<Record<string, Record<string, unknown> | Record<string, unknown>[]>>(
      `/api/papers/${paper.id}/export?format=oparl`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/\.json$/);
    const validate = oparlValidator();
    const bundle = response.body as unknown as {
      system: object;
      body: object;
      organizations: object[];
      meetings: object[];
      paper: { reference: string; consultation: object[] };
    };
    expect([
      ...validate('System', bundle.system),
      ...validate('Body', bundle.body),
      ...bundle.organizations.flatMap((o) => validate('Organization', o)),
      ...bundle.meetings.flatMap((m) => validate('Meeting', m)),
      ...validate('Paper', bundle.paper),
      ...bundle.paper.consultation.flatMap((c) => validate('Consultation', c)),
    ]).toEqual([]);
    expect(bundle.paper.reference).toBe(paper.reference);
    expect(bundle.organizations).toHaveLength(2);
  });

  it('refuses unknown formats and obeys the paper’s permissions', async () => {
    expectError(await w.clerk.get(`/api/papers/${paper.id}/export?format=odt`), 400, 'validation_failed');
    expect((await download(w.haspeMember, `/api/papers/${paper.id}/export?format=pdf`)).status).toBe(404);
    expect((await download(w.viewer, `/api/papers/${paper.id}/export?format=docx`)).status).toBe(200);
    const other = await createPaperWorld(ctx);
    expect((await download(other.admin, `/api/papers/${paper.id}/export?format=docx`)).status).toBe(404);
  });
});
