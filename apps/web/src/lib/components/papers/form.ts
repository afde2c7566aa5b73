import { consultationDateOrderIssues, parseGermanNumber } from '@quartierplan/domain';
import type {
  ClimateImpact,
  ConsultationRole,
  CreatePaperInput,
  DisabilityImpact,
  FinancialImpact,
  PaperDto,
  PaperMeasureDto,
  PaperPrefillDto,
  PaperType,
  RichTextDoc,
} from '@quartierplan/domain';

/** A line of the Beratungsfolge being edited; `key` keeps rows stable while they move. */
export interface ConsultationRow {
  key: string;
  committeeId: string;
  date: string;
  role: ConsultationRole;
  meetingId: string;
}

/** Everything the compose form edits, as form controls hold it (strings for numbers and lists). */
export interface PaperFormValues {
  type: PaperType;
  subject: string;
  originatingOffice: string;
  participatingOffices: string;
  decisionProposal: { key: string; text: string }[];
  summary: string;
  justification: RichTextDoc;
  consultations: ConsultationRow[];
  /** The clerk confirmed a Beratungsfolge whose dates run backwards. */
  confirmDateOrder: boolean;
  disability: DisabilityImpact;
  disabilityExplanation: string;
  climate: ClimateImpact;
  climateExplanation: string;
  financial: FinancialImpact;
  oneOffEuros: string;
  annualEuros: string;
  budgetLine: string;
  financialExplanation: string;
  signatures: { key: string; name: string; role: string }[];
  measures: PaperMeasureDto[];
}

const key = () => crypto.randomUUID();
const euros = (cents: number | undefined) =>
  cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', ',');

/**
 * Euro text as Germans write it (`1.250`, `1.250,50`, `8500`) to cents; undefined when empty,
 * NaN when unreadable, so the schema refuses it next to the field instead of saving a wrong sum.
 */
export function cents(text: string): number | undefined {
  const cleaned = text.trim().replace(/\s|€/g, '');
  if (!cleaned) return undefined;
  const value = parseGermanNumber(cleaned);
  return value === null ? Number.NaN : Math.round(value * 100);
}

/** An empty form, optionally prefilled from measures. */
export function emptyForm(prefill?: PaperPrefillDto): PaperFormValues {
  const financial = prefill?.financialImpact;
  return {
    type: 'beschlussvorlage',
    subject: prefill?.subject ?? '',
    originatingOffice: '',
    participatingOffices: (prefill?.participatingOffices ?? []).join('\n'),
    decisionProposal: (prefill?.decisionProposal ?? ['']).map((text) => ({ key: key(), text })),
    summary: prefill?.summary ?? '',
    justification: prefill?.justification ?? { type: 'doc', content: [] },
    consultations: [],
    confirmDateOrder: false,
    disability: 'not_affected',
    disabilityExplanation: '',
    climate: 'none',
    climateExplanation: '',
    financial: financial?.kind ?? 'none',
    oneOffEuros: financial?.kind === 'costs' ? euros(financial.oneOffCents) : '',
    annualEuros: financial?.kind === 'costs' ? euros(financial.annualCents) : '',
    budgetLine: '',
    financialExplanation: financial?.kind === 'costs' ? (financial.explanation ?? '') : '',
    signatures: [{ key: key(), name: '', role: 'Oberbürgermeister' }],
    measures: prefill?.measures ?? [],
  };
}

/** The form of a stored draft. */
export function formOf(paper: PaperDto): PaperFormValues {
  const financial = paper.financialImpact;
  return {
    type: paper.type,
    subject: paper.subject,
    originatingOffice: paper.originatingOffice,
    participatingOffices: paper.participatingOffices.join('\n'),
    decisionProposal: paper.decisionProposal.map((text) => ({ key: key(), text })),
    summary: paper.summary ?? '',
    justification: paper.justification ?? { type: 'doc', content: [] },
    // A stored Beratungsfolge that runs backwards was confirmed when it was saved.
    confirmDateOrder: consultationDateOrderIssues(paper.consultations).length > 0,
    consultations: paper.consultations.map((c) => ({
      key: c.id,
      committeeId: c.committee.id,
      date: c.date,
      role: c.role,
      meetingId: c.meeting?.id ?? '',
    })),
    disability: paper.disabilityImpact?.kind ?? 'not_affected',
    disabilityExplanation: paper.disabilityImpact?.explanation ?? '',
    climate: paper.climateImpact?.kind ?? 'none',
    climateExplanation: paper.climateImpact?.explanation ?? '',
    financial: financial?.kind ?? 'none',
    oneOffEuros: financial?.kind === 'costs' ? euros(financial.oneOffCents) : '',
    annualEuros: financial?.kind === 'costs' ? euros(financial.annualCents) : '',
    budgetLine: financial?.kind === 'costs' ? (financial.budgetLine ?? '') : '',
    financialExplanation: financial?.kind === 'costs' ? (financial.explanation ?? '') : '',
    signatures: paper.signatures.map((s) => ({ key: key(), ...s })),
    measures: paper.measures,
  };
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

type SignatureRow = PaperFormValues['signatures'][number];
type DecisionItemRow = PaperFormValues['decisionProposal'][number];
// Rows left completely empty are not sent; the error paths count only the rows that are.
const isSentSignature = (row: SignatureRow) => Boolean(row.name.trim() || row.role.trim());
const isSentItem = (row: DecisionItemRow) => Boolean(row.text.trim());

/** The error path of a signature row's field (`signatures.0.name`), or null for a row that is not sent. */
export function signaturePath(values: PaperFormValues, key: string, field: 'name' | 'role'): string | null {
  const index = values.signatures.filter(isSentSignature).findIndex((row) => row.key === key);
  return index < 0 ? null : `signatures.${index}.${field}`;
}

/** The error path of a decision item (`decisionProposal.0`), or null for an empty item that is not sent. */
export function decisionItemPath(values: PaperFormValues, key: string): string | null {
  const index = values.decisionProposal.filter(isSentItem).findIndex((row) => row.key === key);
  return index < 0 ? null : `decisionProposal.${index}`;
}

const fixedFieldIds: Record<string, string> = {
  type: 'paper-type',
  subject: 'paper-subject',
  originatingOffice: 'paper-office',
  participatingOffices: 'paper-participating',
  summary: 'paper-summary',
  justification: 'paper-justification',
  'disabilityImpact.explanation': 'disability-explanation',
  'climateImpact.explanation': 'climate-explanation',
  'financialImpact.oneOffCents': 'one-off',
  'financialImpact.annualCents': 'annual',
  'financialImpact.budgetLine': 'budget-line',
  'financialImpact.explanation': 'financial-explanation',
};
const consultationFieldIds: Record<string, string> = {
  committeeId: 'committee',
  meetingId: 'meeting',
  date: 'date',
  role: 'role',
};

/** The id of the control in `PaperForm` an error path (schema or API) belongs to, for the error summary. */
export function paperFieldId(values: PaperFormValues, path: string): string | undefined {
  const fixed = fixedFieldIds[path];
  if (fixed) return fixed;
  const [head, index, field] = path.split('.');
  const at = Number(index);
  switch (head) {
    case 'participatingOffices':
      return 'paper-participating';
    case 'disabilityImpact':
      return `disability-${values.disability}`;
    case 'climateImpact':
      return `climate-${values.climate}`;
    case 'financialImpact':
      return `financial-${values.financial}`;
    case 'decisionProposal': {
      const row =
        index === undefined ? values.decisionProposal[0] : values.decisionProposal.filter(isSentItem)[at];
      return row ? `item-${row.key}` : 'decision-add';
    }
    case 'consultations': {
      const row = values.consultations[index === undefined ? 0 : at];
      if (!row) return 'consultation-add';
      return `c-${row.key}-${consultationFieldIds[field ?? ''] ?? 'committee'}`;
    }
    case 'signatures': {
      const row = index === undefined ? values.signatures[0] : values.signatures.filter(isSentSignature)[at];
      if (!row) return 'signature-add';
      return `sig-${row.key}-${field === 'role' ? 'role' : 'name'}`;
    }
    default:
      return undefined;
  }
}

/** The API body of the form (validated by the same schema the server uses). */
export function inputOf(values: PaperFormValues): CreatePaperInput {
  const oneOffCents = cents(values.oneOffEuros);
  const annualCents = cents(values.annualEuros);
  return {
    type: values.type,
    subject: values.subject,
    originatingOffice: optional(values.originatingOffice),
    participatingOffices: values.participatingOffices
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    decisionProposal: values.decisionProposal.filter(isSentItem).map((item) => item.text),
    summary: optional(values.summary),
    justification: values.justification,
    measureIds: values.measures.map((measure) => measure.id),
    ...(values.confirmDateOrder ? { confirmDateOrder: true } : {}),
    consultations: values.consultations.map((c) => ({
      committeeId: c.committeeId,
      date: c.date,
      role: c.role,
      ...(c.meetingId ? { meetingId: c.meetingId } : {}),
    })),
    public: true,
    disabilityImpact: { kind: values.disability, explanation: optional(values.disabilityExplanation) },
    climateImpact: { kind: values.climate, explanation: optional(values.climateExplanation) },
    financialImpact:
      values.financial === 'none'
        ? { kind: 'none' }
        : {
            kind: 'costs',
            ...(oneOffCents === undefined ? {} : { oneOffCents }),
            ...(annualCents === undefined ? {} : { annualCents }),
            budgetLine: optional(values.budgetLine),
            explanation: optional(values.financialExplanation),
          },
    signatures: values.signatures.filter(isSentSignature).map((s) => ({ name: s.name, role: s.role })),
  };
}
