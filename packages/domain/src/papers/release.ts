import type { FieldIssue } from '../errors.ts';
import type { Paper, PaperConsultationDto } from './dto.ts';
import type { ConsultationResult } from './labels.ts';
import { richTextToPlainText } from './rich-text.ts';

/** The part of a paper the release check reads. */
export type ReleaseSubject = Pick<
  Paper,
  | 'type'
  | 'subject'
  | 'originatingOffice'
  | 'decisionProposal'
  | 'justification'
  | 'disabilityImpact'
  | 'climateImpact'
  | 'financialImpact'
  | 'signatures'
> & { consultations: Pick<PaperConsultationDto, 'role'>[] };

/**
 * The mandatory sections of the Hagen form, checked before release. An Antrag comes from outside the
 * administration, so it needs no impact sections or signatures of the administration.
 */
export function paperReleaseIssues(paper: ReleaseSubject): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!paper.subject.trim()) add('subject', 'Bitte einen Betreff angeben.');
  if (!paper.originatingOffice.trim())
    add('originatingOffice', 'Bitte das federführende Amt (Amt/Eigenbetrieb) angeben.');
  if (paper.consultations.length === 0)
    add('consultations', 'Bitte die Beratungsfolge angeben (mindestens ein Gremium).');
  if (paper.type !== 'mitteilungsvorlage') {
    if (paper.decisionProposal.length === 0)
      add('decisionProposal', 'Bitte mindestens einen Punkt des Beschlussvorschlags angeben.');
    if (!paper.consultations.some((c) => c.role === 'decision'))
      add('consultations', 'Bitte das entscheidende Gremium (Beschlussfassung) festlegen.');
  }
  if (paper.type === 'antrag') return issues;
  if (!richTextToPlainText(paper.justification ?? undefined).trim())
    add('justification', 'Bitte eine Begründung angeben.');
  if (!paper.disabilityImpact)
    add('disabilityImpact', 'Bitte angeben, ob Belange von Menschen mit Behinderung betroffen sind.');
  else if (paper.disabilityImpact.kind !== 'not_affected' && !paper.disabilityImpact.explanation?.trim())
    add('disabilityImpact.explanation', 'Bitte eine Kurzerläuterung zu den Belangen angeben.');
  if (!paper.climateImpact) add('climateImpact', 'Bitte die Auswirkungen auf den Klimaschutz angeben.');
  else if (paper.climateImpact.kind !== 'none' && !paper.climateImpact.explanation?.trim())
    add('climateImpact.explanation', 'Bitte die Auswirkungen auf den Klimaschutz erläutern.');
  if (!paper.financialImpact) add('financialImpact', 'Bitte die finanziellen Auswirkungen angeben.');
  else if (
    paper.financialImpact.kind === 'costs' &&
    paper.financialImpact.oneOffCents === undefined &&
    paper.financialImpact.annualCents === undefined
  )
    add('financialImpact', 'Bitte die Beträge der finanziellen Auswirkungen angeben.');
  if (paper.signatures.length === 0) add('signatures', 'Bitte mindestens eine Unterschrift (gez.) angeben.');
  return issues;
}

/** Measures move with the deciding consultation's result: which status a result leads to, if any. */
export function measureStatusAfterDecision(result: ConsultationResult): 'decided' | 'rejected' | null {
  if (result === 'decided' || result === 'decided_amended') return 'decided';
  if (result === 'rejected') return 'rejected';
  return null;
}
