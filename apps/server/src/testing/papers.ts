import type { CommitteeDto, MeasureDto, PaperDto, SozialraumDto } from '@quartierplan/domain';
import type { ApiClient } from './client.ts';
import { createSozialraum, createTestBody, createUser, loginAs } from './fixtures.ts';
import type { ApiTestContext } from './server.ts';
import { createMeasure, walk } from './measures.ts';

/** A body with the people and reference data a paper needs. */
export interface PaperWorld {
  bodyName: string;
  admin: ApiClient;
  clerk: ApiClient;
  /** View access to Altenhagen only. */
  viewer: ApiClient;
  /** Edit access to Haspe only. */
  haspeMember: ApiClient;
  altenhagen: SozialraumDto;
  haspe: SozialraumDto;
  council: CommitteeDto;
  jha: CommitteeDto;
  /** A fresh planned measure in Altenhagen per call. */
  plannedMeasure(title?: string, extra?: Record<string, unknown>): Promise<MeasureDto>;
}

async function committee(admin: ApiClient, name: string, kind: string): Promise<CommitteeDto> {
  const response = await admin.post<CommitteeDto>('/api/committees', { name, kind });
  if (response.status !== 201) throw new Error(`committee: ${response.status} ${response.text}`);
  return response.body;
}

/** Creates a body with admin, clerk, two members, two Sozialräume and two committees. */
export async function createPaperWorld(ctx: ApiTestContext): Promise<PaperWorld> {
  const body = await createTestBody(ctx.db.sql);
  const admin = await loginAs(ctx.server, body.adminEmail);
  const altenhagen = await createSozialraum(admin, { name: 'Altenhagen' });
  const haspe = await createSozialraum(admin, { name: 'Haspe' });
  const clerkUser = await createUser(admin, { role: 'clerk' });
  const viewerUser = await createUser(admin, {
    role: 'member',
    memberships: [{ sozialraumId: altenhagen.id, access: 'view' }],
  });
  const haspeUser = await createUser(admin, {
    role: 'member',
    memberships: [{ sozialraumId: haspe.id, access: 'edit' }],
  });
  const council = await committee(admin, 'Rat der Stadt', 'council');
  const jha = await committee(admin, 'Jugendhilfeausschuss', 'committee');
  let n = 0;
  return {
    bodyName: body.bodyName,
    admin,
    clerk: await loginAs(ctx.server, clerkUser.email),
    viewer: await loginAs(ctx.server, viewerUser.email),
    haspeMember: await loginAs(ctx.server, haspeUser.email),
    altenhagen,
    haspe,
    council,
    jha,
    async plannedMeasure(title, extra = {}) {
      n += 1;
      const measure = await createMeasure(admin, {
        title: title ?? `Maßnahme ${n}`,
        sozialraumIds: [altenhagen.id],
        description: 'Beschreibung der Maßnahme.',
        ...extra,
      });
      return walk(admin, measure.id, ['recommended', 'planned']);
    },
  };
}

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** A paper body that passes the release check. */
export function completePaper(world: PaperWorld, measureIds: string[] = []): Record<string, unknown> {
  return {
    type: 'beschlussvorlage',
    subject: 'Netzwerkkoordination Altenhagen',
    decisionProposal: ['Der Bericht wird zur Kenntnis genommen.', 'Die Verwaltung wird beauftragt.'],
    summary: 'Kurz gesagt.',
    justification: doc('Begründung mit Ümlauten.'),
    measureIds,
    originatingOffice: '55 Fachbereich Jugend und Soziales',
    participatingOffices: ['20 Finanzen'],
    consultations: [
      { committeeId: world.jha.id, date: '2024-02-01', role: 'preliminary' },
      { committeeId: world.council.id, date: '2024-03-14', role: 'decision' },
    ],
    disabilityImpact: { kind: 'affected', explanation: 'Inklusion ist ein Querschnittsthema.' },
    climateImpact: { kind: 'none' },
    financialImpact: { kind: 'costs', oneOffCents: 1_250_000, budgetLine: '1.36.30' },
    signatures: [{ name: 'Erik O. Schulz', role: 'Oberbürgermeister' }],
  };
}

/** Creates a paper; throws unless 201. */
export async function createPaper(client: ApiClient, body: Record<string, unknown>): Promise<PaperDto> {
  const response = await client.post<PaperDto>('/api/papers', body);
  if (response.status !== 201) throw new Error(`paper: ${response.status} ${response.text}`);
  return response.body;
}

/** Releases a paper; throws unless 200. */
export async function releasePaper(client: ApiClient, id: string): Promise<PaperDto> {
  const response = await client.post<PaperDto>(`/api/papers/${id}/release`);
  if (response.status !== 200) throw new Error(`release: ${response.status} ${response.text}`);
  return response.body;
}

/** A binary download with the client's session cookie, checked against the document like any answer. */
export async function download(
  client: ApiClient,
  path: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await client.get(path);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(response.bytes) };
}
