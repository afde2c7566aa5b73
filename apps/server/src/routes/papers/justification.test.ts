import type { PaperDto } from '@quartierplan/domain';
import { testDatabases } from '@quartierplan/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../testing/assertions.ts';
import { useTestServer } from '../../testing/server.ts';
import { createPaper, createPaperWorld, type PaperWorld } from '../../testing/papers.ts';

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe.each(testDatabases())('plain-text justification on $name', (factory) => {
  const ctx = useTestServer(factory);
  let w: PaperWorld;

  beforeAll(async () => {
    w = await createPaperWorld(ctx);
  });

  it('stores plain text as paragraphs split at blank lines, on POST and PATCH', async () => {
    const created = await createPaper(w.clerk, {
      type: 'beschlussvorlage',
      subject: 'Begründung als Text',
      justification: 'Erster Absatz.\r\n\r\nZweiter Absatz\nmit Zeilenumbruch.',
    });
    expect(created.justification).toEqual({
      type: 'doc',
      content: [
        paragraph('Erster Absatz.'),
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Zweiter Absatz' },
            { type: 'hardBreak' },
            { type: 'text', text: 'mit Zeilenumbruch.' },
          ],
        },
      ],
    });
    const patched = await w.clerk.patch<PaperDto>(
      `/api/papers/${created.id}`,
      { justification: 'Neu.\n\nNoch neuer.' },
      { headers: { 'if-match': `"${created.version}"` } },
    );
    expect(patched.status).toBe(200);
    expect((await w.clerk.get<PaperDto>(`/api/papers/${created.id}`)).body.justification).toEqual({
      type: 'doc',
      content: [paragraph('Neu.'), paragraph('Noch neuer.')],
    });
  });

  it('answers what is neither text nor a document with a clear 400', async () => {
    const number = expectError(
      await w.clerk.post('/api/papers', { type: 'antrag', subject: 'x', justification: 42 }),
      400,
      'validation_failed',
    );
    expect(number.details?.issues).toEqual([
      {
        path: 'justification',
        message: 'Die Begründung muss Text oder Rich-Text (ein Dokument mit type "doc") sein.',
      },
    ]);
    expectError(
      await w.clerk.post('/api/papers', { type: 'antrag', subject: 'x', justification: 'x'.repeat(100_001) }),
      400,
      'validation_failed',
    );
  });
});
