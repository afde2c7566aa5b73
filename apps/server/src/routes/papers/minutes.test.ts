import { testDatabases } from '@quartierplan/db/testing';
import type { MeetingDto, PaperDto } from '@quartierplan/domain';
import { convertWithLibreOffice, docxParts, readDocx, readPdf } from '@quartierplan/export/testing';
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

const MINUTES = [
  'Frau Schulz (Verwaltung) stellt die Vorlage vor.',
  'Herr Yılmaz fragt, ob die Maßnahmen aus 2018/2019 umgesetzt wurden.\nDie Verwaltung sagt eine Übersicht zu.',
  'Der Ausschuss fasst einstimmig folgenden Beschluss: <b>&amp; "Anführung"</b>',
].join('\n\n');

describe.each(testDatabases())('Auszug aus der Niederschrift on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;
  let paper: PaperDto;
  let meeting: MeetingDto;

  const minutesPath = (p: PaperDto, index: number) =>
    `/api/papers/${p.id}/consultations/${p.consultations[index]!.id}/minutes`;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
    meeting = (
      await w.clerk.post<MeetingDto>('/api/meetings', {
        committeeId: w.jha.id,
        date: '2024-02-01',
        startTime: '16:30',
        location: 'Rathaus, Sitzungssaal A',
      })
    ).body;
    const measure = await w.plannedMeasure('Netzwerkkoordination Altenhagen');
    const body = completePaper(w, [measure.id]);
    paper = await releasePaper(
      w.clerk,
      (
        await createPaper(w.clerk, {
          ...body,
          consultations: [
            { committeeId: w.jha.id, date: '2024-02-01', role: 'preliminary', meetingId: meeting.id },
            { committeeId: w.council.id, date: '2024-03-14', role: 'decision' },
          ],
        })
      ).id,
    );
  });

  it('records the minutes with the result and shows them in the paper; PUT changes and "" removes them', async () => {
    const recorded = await w.clerk.post<PaperDto>(
      `/api/papers/${paper.id}/consultations/${paper.consultations[0]!.id}/result`,
      { result: 'recommended', date: '2024-02-01', minutes: MINUTES },
    );
    expect(recorded.status).toBe(200);
    expect(recorded.body.consultations[0]).toMatchObject({ result: 'recommended', minutes: MINUTES });
    expect(recorded.body.consultations[1]!.minutes).toBeNull();

    const changed = await w.admin.put<PaperDto>(minutesPath(paper, 0), { text: '  Geändert.  ' });
    expect(changed.status).toBe(200);
    expect(changed.body.consultations[0]!.minutes).toBe('Geändert.');
    expect(changed.body.version).toBe(recorded.body.version + 1);

    const removed = await w.clerk.put<PaperDto>(minutesPath(paper, 0), { text: '' });
    expect(removed.body.consultations[0]!.minutes).toBeNull();
    // A result recorded without `minutes` leaves the minutes as they are.
    await w.clerk.put(minutesPath(paper, 1), { text: 'Der Rat berät.' });
    const decided = await w.clerk.post<PaperDto>(
      `/api/papers/${paper.id}/consultations/${paper.consultations[1]!.id}/result`,
      { result: 'decided', date: '2024-03-14' },
    );
    expect(decided.body.consultations[1]).toMatchObject({ result: 'decided', minutes: 'Der Rat berät.' });
    // Members who read the paper see the minutes too.
    const read = await w.viewer.get<PaperDto>(`/api/papers/${paper.id}`);
    expect(read.body.consultations[1]!.minutes).toBe('Der Rat berät.');
    await w.clerk.put(minutesPath(paper, 0), { text: MINUTES });
  });

  it('lets only admins and clerks write: a member gets 403 before the body is looked at', async () => {
    expectError(await w.viewer.put(minutesPath(paper, 0), { text: 'x' }), 403, 'forbidden');
    expectError(await w.viewer.put(minutesPath(paper, 0), { text: 42 }), 403, 'forbidden');
    // A member who may not read the paper does not learn that it exists.
    expectError(await w.haspeMember.put(minutesPath(paper, 0), { text: 'x' }), 404, 'not_found');
  });

  it('refuses oversized minutes (400 naming `text` over 20,000 characters, 413 over the body limit), unknown lines and drafts', async () => {
    const long = expectError(
      await w.clerk.put(minutesPath(paper, 0), { text: 'a'.repeat(20_001) }),
      400,
      'validation_failed',
    );
    expect((long.details as { issues: { path: string }[] }).issues[0]!.path).toBe('text');
    expect((await w.clerk.put(minutesPath(paper, 0), { text: 'ä'.repeat(20_000) })).status).toBe(200);
    expectError(
      await w.clerk.post(`/api/papers/${paper.id}/consultations/${paper.consultations[1]!.id}/result`, {
        result: 'decided',
        date: '2024-03-14',
        minutes: 'b'.repeat(20_001),
      }),
      400,
      'validation_failed',
    );
    expectError(
      await w.clerk.put(minutesPath(paper, 0), { text: 'c'.repeat(2_000_000) }),
      413,
      'payload_too_large',
    );
    expectError(await w.clerk.put(minutesPath(paper, 0), {}), 400, 'validation_failed');
    const unknown = `/api/papers/${paper.id}/consultations/00000000-0000-4000-8000-000000000000/minutes`;
    expectError(await w.clerk.put(unknown, { text: 'x' }), 404, 'not_found');
    expectError(await w.clerk.get(`${unknown}/export?format=docx`), 404, 'not_found');
    const draft = await createPaper(w.clerk, completePaper(w));
    expectError(await w.clerk.put(minutesPath(draft, 0), { text: 'x' }), 409, 'conflict');
    await w.clerk.put(minutesPath(paper, 0), { text: MINUTES });
  });

  it('exports the Auszug as DOCX in the city layout that reads back and LibreOffice opens', async () => {
    const response = await download(w.clerk, `${minutesPath(paper, 0)}/export?format=docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers.get('content-disposition')).toContain(
      `Auszug-Niederschrift_${paper.reference.replace('/', '-')}_Jugendhilfeausschuss.docx`,
    );
    const { text, html } = await readDocx(response.bytes);
    expect(text).toContain('Auszug aus der Niederschrift');
    expect(text).toContain('Jugendhilfeausschuss');
    expect(text).toContain('01.02.2024, 16:30 Uhr, Rathaus, Sitzungssaal A');
    expect(text).toContain(`Beschlussvorlage ${paper.reference}: ${paper.subject}`);
    expect(text).toContain('empfohlen (01.02.2024)');
    expect(text).toContain('Frau Schulz (Verwaltung) stellt die Vorlage vor.');
    expect(html).toContain('umgesetzt wurden.<br />Die Verwaltung sagt eine Übersicht zu.');
    expect(text).toContain('<b>&amp; "Anführung"</b>');
    const parts = await docxParts(response.bytes);
    expect(parts['word/header1.xml'] ?? Object.values(parts).join('')).toContain(w.bodyName.toUpperCase());
    expect(parts['word/document.xml']).not.toMatch(/<w:hyperlink|<w:fldSimple|w:instrText/);

    const { output } = await convertWithLibreOffice(response.bytes, 'docx', 'pdf');
    const pdf = await readPdf(output);
    expect(pdf.text).toContain('Auszug aus der Niederschrift');
    expect(pdf.text).toContain('Die Verwaltung sagt eine Übersicht zu.');
  });

  it('exports the Auszug as PDF whose text reads back, for members who read the paper too', async () => {
    const response = await download(w.viewer, `${minutesPath(paper, 0)}/export?format=pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const { text, pages } = await readPdf(response.bytes);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Auszug aus der Niederschrift');
    expect(text).toContain(w.bodyName.toUpperCase());
    expect(text).toContain('Jugendhilfeausschuss');
    expect(text).toContain('Rathaus, Sitzungssaal A');
    expect(text).toContain(paper.reference);
    expect(text).toContain('Herr Yılmaz fragt');
    expect(text).toContain('Seite 1 von');
  });

  it('answers 404 without minutes, 400 for an unknown format and 404 to members who may not read the paper', async () => {
    const fresh = await releasePaper(
      w.clerk,
      (await createPaper(w.clerk, completePaper(w, [(await w.plannedMeasure()).id]))).id,
    );
    expectError(await w.clerk.get(`${minutesPath(fresh, 0)}/export?format=pdf`), 404, 'not_found');
    expectError(await w.clerk.get(`${minutesPath(paper, 0)}/export?format=odt`), 400, 'validation_failed');
    expectError(await w.haspeMember.get(`${minutesPath(paper, 0)}/export?format=pdf`), 404, 'not_found');
  });
});
