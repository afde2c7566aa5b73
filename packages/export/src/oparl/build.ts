import {
  CLIMATE_IMPACT_LABELS,
  CONSULTATION_RESULT_LABELS,
  CONSULTATION_ROLE_LABELS,
  DISABILITY_IMPACT_LABELS,
  FINANCIAL_IMPACT_LABELS,
  PAPER_TYPE_LABELS,
  richTextToPlainText,
  sortConsultations,
  type CommitteeKind,
  type PaperBody,
  type PaperCommittee,
  type PaperConsultation,
  type PaperDocument,
  type PaperDocumentInput,
} from '@quartierplan/domain';
import { toPaperDocument } from '../model.ts';

/** Where the OParl API lives: ids are `${baseUrl}/api/oparl/v1.1/...`. */
export interface OparlContext {
  /** Public origin without trailing slash, e.g. `https://quartierplan.hagen.de`. */
  baseUrl: string;
}

/** A JSON object of the OParl API; vendor properties carry the `qp:` prefix. */
export type OparlObject = { id: string; type: string } & Record<string, unknown>;

const SCHEMA = 'https://schema.oparl.org/1.1';

/** The root of every OParl URL of this installation. */
export function oparlRoot(ctx: OparlContext): string {
  return `${ctx.baseUrl.replace(/\/+$/, '')}/api/oparl/v1.1`;
}

/** URLs of OParl objects; ids are URL-safe by schema but still encoded, so a foreign id cannot change the path. */
export const oparlUrls = {
  system: (ctx: OparlContext) => `${oparlRoot(ctx)}/system`,
  bodies: (ctx: OparlContext) => `${oparlRoot(ctx)}/bodies`,
  body: (ctx: OparlContext, id: string) => `${oparlRoot(ctx)}/bodies/${encodeURIComponent(id)}`,
  organization: (ctx: OparlContext, id: string) =>
    `${oparlRoot(ctx)}/organizations/${encodeURIComponent(id)}`,
  meeting: (ctx: OparlContext, id: string) => `${oparlRoot(ctx)}/meetings/${encodeURIComponent(id)}`,
  paper: (ctx: OparlContext, id: string) => `${oparlRoot(ctx)}/papers/${encodeURIComponent(id)}`,
  consultation: (ctx: OparlContext, id: string) =>
    `${oparlRoot(ctx)}/consultations/${encodeURIComponent(id)}`,
};

function dateTimes(source: {
  created?: string | undefined;
  modified?: string | undefined;
}): Record<string, string> {
  return {
    ...(source.created ? { created: source.created } : {}),
    ...(source.modified ? { modified: source.modified } : {}),
  };
}

/** Options of the `System` object. */
export interface OparlSystemInput {
  name?: string;
  contactEmail?: string;
  website?: string;
}

/** The OParl `System`: entry point listing the bodies. */
export function oparlSystem(ctx: OparlContext, input: OparlSystemInput = {}): OparlObject {
  return {
    id: oparlUrls.system(ctx),
    type: `${SCHEMA}/System`,
    oparlVersion: `${SCHEMA}/`,
    body: oparlUrls.bodies(ctx),
    name: input.name ?? 'Quartierplan',
    ...(input.contactEmail ? { contactEmail: input.contactEmail } : {}),
    ...(input.website ? { website: input.website } : {}),
  };
}

/** The OParl `Body` (the Kommune) with its external lists. */
export function oparlBody(body: PaperBody, ctx: OparlContext): OparlObject {
  const self = oparlUrls.body(ctx, body.id);
  return {
    id: self,
    type: `${SCHEMA}/Body`,
    system: oparlUrls.system(ctx),
    name: body.name,
    ...(body.shortName ? { shortName: body.shortName } : {}),
    ...(body.website ? { website: body.website } : {}),
    organization: `${self}/organizations`,
    person: `${self}/people`,
    meeting: `${self}/meetings`,
    paper: `${self}/papers`,
    consultation: `${self}/consultations`,
    legislativeTerm: [],
  };
}

const ORGANIZATION_CLASSIFICATION: Readonly<Record<CommitteeKind, string>> = {
  council: 'Rat',
  committee: 'Ausschuss',
  district: 'Bezirksvertretung',
  advisory: 'Beirat',
};

/** An OParl `Organization` of type Gremium for a committee. */
export function oparlOrganization(committee: PaperCommittee, bodyId: string, ctx: OparlContext): OparlObject {
  return {
    id: oparlUrls.organization(ctx, committee.id),
    type: `${SCHEMA}/Organization`,
    body: oparlUrls.body(ctx, bodyId),
    name: committee.name,
    organizationType: 'Gremium',
    classification: ORGANIZATION_CLASSIFICATION[committee.kind],
    'qp:kind': committee.kind,
  };
}

/** The meeting id of a consultation: the given one, else `<committeeId>-<date>` (one session per committee and day). */
export function meetingIdOf(consultation: PaperConsultation): string {
  return consultation.meeting?.id ?? `${consultation.committee.id}-${consultation.date}`;
}

/**
 * The OParl `Meeting` a consultation takes place in. OParl wants a full date-time for `start`; when only the day
 * is known it is left out rather than invented, and the day travels as `qp:date`.
 */
export function oparlMeeting(consultation: PaperConsultation, ctx: OparlContext): OparlObject {
  const [year, month, day] = consultation.date.split('-');
  return {
    id: oparlUrls.meeting(ctx, meetingIdOf(consultation)),
    type: `${SCHEMA}/Meeting`,
    name: `Sitzung ${consultation.committee.name} am ${day}.${month}.${year}`,
    ...(consultation.meeting?.start ? { start: consultation.meeting.start } : {}),
    organization: [oparlUrls.organization(ctx, consultation.committee.id)],
    'qp:date': consultation.date,
  };
}

/** An OParl `Consultation`: a line of the Beratungsfolge, with role, position and result as vendor properties. */
export function oparlConsultation(
  consultation: PaperConsultation,
  paperId: string,
  ctx: OparlContext,
): OparlObject {
  return {
    id: oparlUrls.consultation(ctx, consultation.id),
    type: `${SCHEMA}/Consultation`,
    paper: oparlUrls.paper(ctx, paperId),
    meeting: oparlUrls.meeting(ctx, meetingIdOf(consultation)),
    organization: [oparlUrls.organization(ctx, consultation.committee.id)],
    authoritative: consultation.role === 'decision',
    role: CONSULTATION_ROLE_LABELS[consultation.role],
    'qp:role': consultation.role,
    'qp:order': consultation.order,
    'qp:date': consultation.date,
    ...(consultation.result
      ? {
          'qp:result': consultation.result,
          'qp:resultLabel': CONSULTATION_RESULT_LABELS[consultation.result],
        }
      : {}),
    ...(consultation.resultDate ? { 'qp:resultDate': consultation.resultDate } : {}),
  };
}

/**
 * The OParl `Paper` with its consultations embedded. Sections OParl has no field for (Kurzfassung, Begründung,
 * Beschlussvorschlag, impacts, offices, signatures, linked measures) are `qp:` vendor properties.
 */
export function oparlPaper(input: PaperDocumentInput, ctx: OparlContext): OparlObject {
  const paper: PaperDocument = toPaperDocument(input);
  const financial = paper.financialImpact;
  return {
    id: oparlUrls.paper(ctx, paper.id),
    type: `${SCHEMA}/Paper`,
    body: oparlUrls.body(ctx, paper.body.id),
    name: paper.subject,
    reference: paper.reference,
    date: paper.date,
    paperType: PAPER_TYPE_LABELS[paper.type],
    consultation: sortConsultations(paper.consultations).map((c) => oparlConsultation(c, paper.id, ctx)),
    ...dateTimes(paper),
    'qp:type': paper.type,
    'qp:status': paper.status,
    'qp:public': paper.public,
    'qp:originatingOffice': paper.originatingOffice,
    'qp:participatingOffices': paper.participatingOffices,
    'qp:decisionProposal': {
      ...(paper.decisionProposal.intro ? { intro: paper.decisionProposal.intro } : {}),
      items: paper.decisionProposal.items,
    },
    ...(paper.summary ? { 'qp:summary': paper.summary } : {}),
    ...(paper.justification ? { 'qp:justification': richTextToPlainText(paper.justification) } : {}),
    ...(paper.disabilityImpact
      ? {
          'qp:disabilityImpact': {
            ...paper.disabilityImpact,
            label: DISABILITY_IMPACT_LABELS[paper.disabilityImpact.kind],
          },
        }
      : {}),
    ...(paper.climateImpact
      ? {
          'qp:climateImpact': {
            ...paper.climateImpact,
            label: CLIMATE_IMPACT_LABELS[paper.climateImpact.kind],
          },
        }
      : {}),
    ...(financial
      ? { 'qp:financialImpact': { ...financial, label: FINANCIAL_IMPACT_LABELS[financial.kind] } }
      : {}),
    'qp:signatures': paper.signatures,
    'qp:measures': paper.measures,
  };
}

/** Everything a paper refers to, as separate OParl objects: what `?format=oparl` returns. */
export interface OparlPaperBundle {
  system: OparlObject;
  body: OparlObject;
  organizations: OparlObject[];
  meetings: OparlObject[];
  paper: OparlObject;
}

/** The paper with its System, Body, Organizations (committees) and Meetings, deduplicated by id. */
export function oparlPaperBundle(
  input: PaperDocumentInput,
  ctx: OparlContext,
  system: OparlSystemInput = {},
): OparlPaperBundle {
  const paper = toPaperDocument(input);
  const organizations = new Map<string, OparlObject>();
  const meetings = new Map<string, OparlObject>();
  for (const consultation of sortConsultations(paper.consultations)) {
    const organization = oparlOrganization(consultation.committee, paper.body.id, ctx);
    organizations.set(organization.id, organization);
    const meeting = oparlMeeting(consultation, ctx);
    meetings.set(meeting.id, meeting);
  }
  return {
    system: oparlSystem(ctx, system),
    body: oparlBody(paper.body, ctx),
    organizations: [...organizations.values()],
    meetings: [...meetings.values()],
    paper: oparlPaper(paper, ctx),
  };
}

/** A meeting as the meetings table keeps it: committee, day, local start time, place. */
export interface StoredMeeting {
  id: string;
  committee: PaperCommittee;
  date: string;
  /** Local time in Europe/Berlin, `HH:MM`; null while only the day is known. */
  startTime: string | null;
  location: string;
}

/** The UTC offset of Europe/Berlin at a local date and time, e.g. `+02:00` in summer. */
export function berlinOffset(date: string, time: string): string {
  // The offset at the same instant read as UTC is right except in the hour of the switch itself,
  // when council meetings do not take place (Sunday, 2–3 a.m.).
  const instant = new Date(`${date}T${time}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return match?.[1] ?? '+01:00';
}

/** The full start of a meeting (ISO with Berlin offset), or undefined when only the day is known. */
export function meetingStart(date: string, startTime: string | null): string | undefined {
  return startTime ? `${date}T${startTime}:00${berlinOffset(date, startTime)}` : undefined;
}

/** An OParl `Meeting` from the meetings table; the place is a vendor property (no Location objects). */
export function oparlStoredMeeting(meeting: StoredMeeting, ctx: OparlContext): OparlObject {
  const [year, month, day] = meeting.date.split('-');
  const start = meetingStart(meeting.date, meeting.startTime);
  return {
    id: oparlUrls.meeting(ctx, meeting.id),
    type: `${SCHEMA}/Meeting`,
    name: `Sitzung ${meeting.committee.name} am ${day}.${month}.${year}`,
    ...(start ? { start } : {}),
    organization: [oparlUrls.organization(ctx, meeting.committee.id)],
    'qp:date': meeting.date,
    ...(meeting.location ? { 'qp:location': meeting.location } : {}),
  };
}

/** Where a list page is and how big it is. */
export interface OparlPage {
  /** The list URL without query. */
  url: string;
  /** 1-based. */
  page: number;
  perPage: number;
  total: number;
}

/** An OParl external list page: `data`, `pagination` and `links` (first, prev, next, last, self). */
export function oparlList(
  data: OparlObject[],
  page: OparlPage,
): {
  data: OparlObject[];
  pagination: { totalElements: number; elementsPerPage: number; currentPage: number; totalPages: number };
  links: Record<string, string>;
} {
  const totalPages = Math.max(1, Math.ceil(page.total / page.perPage));
  const at = (n: number) => `${page.url}?page=${n}&limit=${page.perPage}`;
  return {
    data,
    pagination: {
      totalElements: page.total,
      elementsPerPage: page.perPage,
      currentPage: page.page,
      totalPages,
    },
    links: {
      first: at(1),
      ...(page.page > 1 ? { prev: at(Math.min(page.page - 1, totalPages)) } : {}),
      ...(page.page < totalPages ? { next: at(page.page + 1) } : {}),
      last: at(totalPages),
      self: at(page.page),
    },
  };
}
