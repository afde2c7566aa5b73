/** Kinds of paper (OParl `paperType`), ids in code and German labels in documents. */
export const PAPER_TYPES = ['beschlussvorlage', 'mitteilungsvorlage', 'antrag'] as const;
export type PaperType = (typeof PAPER_TYPES)[number];

/** A paper is edited as a draft and frozen once released to the committees. */
export const PAPER_STATUSES = ['draft', 'released'] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];

/** What a committee does with a paper in the Beratungsfolge. */
export const CONSULTATION_ROLES = ['preliminary', 'decision', 'information'] as const;
export type ConsultationRole = (typeof CONSULTATION_ROLES)[number];

/** The outcome a committee records for its consultation. */
export const CONSULTATION_RESULTS = [
  'acknowledged',
  'recommended',
  'decided',
  'decided_amended',
  'rejected',
  'postponed',
] as const;
export type ConsultationResult = (typeof CONSULTATION_RESULTS)[number];

/** The options of the Hagen form for "Belange von Menschen mit Behinderung". */
export const DISABILITY_IMPACTS = ['not_affected', 'affected', 'possibly_affected'] as const;
export type DisabilityImpact = (typeof DISABILITY_IMPACTS)[number];

/** The options of the Hagen form for climate protection: keine (o), positiv (+), negativ (-). */
export const CLIMATE_IMPACTS = ['none', 'positive', 'negative'] as const;
export type ClimateImpact = (typeof CLIMATE_IMPACTS)[number];

/** Either no financial or staff impact, or costs with amounts and a budget line. */
export const FINANCIAL_IMPACTS = ['none', 'costs'] as const;
export type FinancialImpact = (typeof FINANCIAL_IMPACTS)[number];

/** German names of the paper types, as in the Hagen Ratsinformationssystem. */
export const PAPER_TYPE_LABELS: Readonly<Record<PaperType, string>> = {
  beschlussvorlage: 'Beschlussvorlage',
  mitteilungsvorlage: 'Mitteilungsvorlage',
  antrag: 'Antrag',
};

/** The document title; the adjective follows the grammatical gender of the paper type (die Vorlage, der Antrag). */
export function paperTitle(type: PaperType, isPublic: boolean): string {
  const feminine = type !== 'antrag';
  const adjective = `${isPublic ? '' : 'NICHT'}ÖFFENTLICHE${feminine ? '' : 'R'}`;
  return `${adjective} ${PAPER_TYPE_LABELS[type].toUpperCase()}`;
}

/** German names of paper statuses. */
export const PAPER_STATUS_LABELS: Readonly<Record<PaperStatus, string>> = {
  draft: 'Entwurf',
  released: 'Freigegeben',
};

/** German names of consultation roles (Vorberatung/Entscheidung/Kenntnisnahme). */
export const CONSULTATION_ROLE_LABELS: Readonly<Record<ConsultationRole, string>> = {
  preliminary: 'Vorberatung',
  decision: 'Entscheidung',
  information: 'Kenntnisnahme',
};

/** German names of consultation results, phrased as they appear in minutes. */
export const CONSULTATION_RESULT_LABELS: Readonly<Record<ConsultationResult, string>> = {
  acknowledged: 'zur Kenntnis genommen',
  recommended: 'empfohlen',
  decided: 'beschlossen',
  decided_amended: 'geändert beschlossen',
  rejected: 'abgelehnt',
  postponed: 'vertagt',
};

/** Checkbox texts of the disability section, worded as in source documents 001 and 002 (docs/PRODUCT.md). */
export const DISABILITY_IMPACT_LABELS: Readonly<Record<DisabilityImpact, string>> = {
  not_affected: 'sind nicht betroffen',
  affected: 'sind betroffen (hierzu ist eine kurze Erläuterung abzugeben)',
  possibly_affected: 'sind ggf. betroffen',
};

/** Checkbox texts of the climate section, with the form's symbols o, + and -. */
export const CLIMATE_IMPACT_LABELS: Readonly<Record<ClimateImpact, string>> = {
  none: 'keine Auswirkungen (o)',
  positive: 'positive Auswirkungen (+)',
  negative: 'negative Auswirkungen (-)',
};

/** Checkbox texts of the financial section. */
export const FINANCIAL_IMPACT_LABELS: Readonly<Record<FinancialImpact, string>> = {
  none: 'Es entstehen weder finanzielle noch personelle Auswirkungen.',
  costs: 'Es entstehen finanzielle und/oder personelle Auswirkungen.',
};

/** Headings and field labels of a paper, in the wording of source documents 001 and 002 (docs/PRODUCT.md), shared by DOCX, PDF and the compose UI. */
export const PAPER_SECTION_LABELS = {
  reference: 'Drucksachennummer',
  date: 'Datum',
  office: 'Amt/Eigenbetrieb',
  sender: 'Absender',
  participating: 'Beteiligt',
  subject: 'Betreff',
  consultations: 'Beratungsfolge',
  decidingBody: 'Beschlussfassung',
  decisionProposal: 'Beschlussvorschlag',
  summary: 'Kurzfassung',
  justification: 'Begründung',
  disability: 'Inklusion von Menschen mit Behinderung',
  disabilityQuestion: 'Belange von Menschen mit Behinderung',
  explanation: 'Kurzerläuterung',
  climate: 'Auswirkungen auf den Klimaschutz und die Klimafolgenanpassung',
  financial: 'Finanzielle Auswirkungen',
  measures: 'Verknüpfte Maßnahmen',
  page: 'Seite',
  pageOf: 'von',
  signed: 'gez.',
  notApplicable: 'entfällt',
  notStated: 'Noch keine Angabe.',
  oneOffCosts: 'Einmalige Kosten',
  annualCosts: 'Jährliche Folgekosten',
  budgetLine: 'Haushaltsstelle/Produkt',
} as const;
