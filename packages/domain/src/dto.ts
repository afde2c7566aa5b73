import type { CommitteeKind } from './schemas.ts';
import type { Access, Membership, Role } from './roles.ts';

/** `POST /api/auth/login`: who logged in (the session is in the cookie). */
export interface LoginResponseDto {
  id: string;
  name: string;
  role: Role;
}

/** `GET /api/me` */
export interface MeDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  body: { id: string; name: string };
  memberships: Membership[];
}

/** A user as administrators see them. */
export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  memberships: Membership[];
}

/** The two kinds of collaborative document: a Sozialraum's action plan and its needs list. */
export type DocumentKind = 'action_plan' | 'needs';

/** The two collaborative documents every Sozialraum owns. */
export interface SozialraumDocumentsDto {
  actionPlan: string;
  needs: string;
}

/** `GET /api/sozialraeume` items; `access` is what the requesting user may do. */
export interface SozialraumDto {
  id: string;
  code: string;
  name: string;
  stadtbezirk: string;
  archived: boolean;
  access: Access;
  documents: SozialraumDocumentsDto;
}

/** A need as the needs table holds it: projected from the needs document, votes summed. */
export interface ProjectedNeed {
  id: string;
  title: string;
  description: string;
  targetGroup: string;
  source: string;
  priority: string;
  status: string;
  votes: number;
  createdBy: string | null;
  createdAt: string | null;
}

/** `GET /api/sozialraeume/:id/needs` items: the needs list as rows, with the measures linking each. */
export interface SozialraumNeedDto extends Omit<ProjectedNeed, 'createdBy' | 'createdAt'> {
  measureIds: string[];
}

/** One population table row of a Sozialraum (demo data from the statistics office). */
export interface PopulationDto {
  dataset: string;
  referenceDate: string;
  male: number;
  female: number;
  total: number;
  ageGroups: { label: string; count: number }[];
}

export interface CommitteeDto {
  id: string;
  name: string;
  kind: CommitteeKind;
}

/** A named version of a collaborative document (`/api/documents/:docId/versions`). */
export interface DocumentVersionDto {
  id: string;
  name: string;
  author: { id: string; name: string | null } | null;
  createdAt: string;
  /** Stored by the server before a restore ("Stand vor Wiederherstellung durch …"), not named by a person. */
  automatic: boolean;
  /** For an automatic version: the version whose restore it preceded. */
  restoredFrom: string | null;
}

/** One version with its content: the Yjs state (base64) and, for convenience, its plain text. */
export interface DocumentVersionContentDto extends DocumentVersionDto {
  kind: DocumentKind;
  state: string;
}

/** A collaborative document and its last stored change (`GET /api/documents/:docId`). */
export interface DocumentDto {
  id: string;
  kind: DocumentKind;
  lastChange: { at: string; author: { id: string; name: string | null } | null } | null;
}
