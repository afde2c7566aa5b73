import type { FundingSource, MeasureDto, MeasureGoal, UpdateMeasureInput } from '@quartierplan/domain';
import { euroInput, parseEuro } from './view';

/**
 * A measure as its form edits it: text where inputs hold text (amounts with a German comma,
 * empty dates), converted to the API's types only when sent.
 */
export interface MeasureDraft {
  title: string;
  description: string;
  sozialraumIds: string[];
  cityWide: boolean;
  handlungsfeld: string;
  responsibleDepartment: string;
  provider: string;
  targetGroup: string;
  costOneOff: string;
  costYearly: string;
  fundingSource: FundingSource | '';
  fundingProgramme: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  goals: MeasureGoal[];
  needIds: string[];
}

export const EMPTY_DRAFT: MeasureDraft = {
  title: '',
  description: '',
  sozialraumIds: [],
  cityWide: false,
  handlungsfeld: '',
  responsibleDepartment: '',
  provider: '',
  targetGroup: '',
  costOneOff: '',
  costYearly: '',
  fundingSource: '',
  fundingProgramme: '',
  plannedStart: '',
  plannedEnd: '',
  actualStart: '',
  actualEnd: '',
  goals: [],
  needIds: [],
};

/** The editable copy of a stored measure. */
export function toDraft(measure: MeasureDto): MeasureDraft {
  return {
    title: measure.title,
    description: measure.description,
    sozialraumIds: [...measure.sozialraumIds],
    cityWide: measure.cityWide,
    handlungsfeld: measure.handlungsfeld,
    responsibleDepartment: measure.responsibleDepartment,
    provider: measure.provider,
    targetGroup: measure.targetGroup,
    costOneOff: euroInput(measure.costOneOff),
    costYearly: euroInput(measure.costYearly),
    fundingSource: measure.fundingSource ?? '',
    fundingProgramme: measure.fundingProgramme,
    plannedStart: measure.plannedStart ?? '',
    plannedEnd: measure.plannedEnd ?? '',
    actualStart: measure.actualStart ?? '',
    actualEnd: measure.actualEnd ?? '',
    goals: measure.goals.map((g) => ({ ...g })),
    needIds: [...measure.needIds],
  };
}

/**
 * The draft in the API's types. Unparseable numbers stay NaN so the shared schema answers with its
 * German message instead of the value silently vanishing. Progress is not edited here: the newest
 * progress report sets it (the measure page's "Fortschrittsberichte").
 */
export function draftValues(draft: MeasureDraft): Omit<Required<UpdateMeasureInput>, 'progress'> {
  return {
    title: draft.title,
    description: draft.description,
    sozialraumIds: draft.cityWide ? [] : draft.sozialraumIds,
    cityWide: draft.cityWide,
    handlungsfeld: draft.handlungsfeld,
    responsibleDepartment: draft.responsibleDepartment,
    provider: draft.provider,
    targetGroup: draft.targetGroup,
    costOneOff: parseEuro(draft.costOneOff),
    costYearly: parseEuro(draft.costYearly),
    fundingSource: draft.fundingSource || null,
    fundingProgramme: draft.fundingProgramme,
    plannedStart: draft.plannedStart || null,
    plannedEnd: draft.plannedEnd || null,
    actualStart: draft.actualStart || null,
    actualEnd: draft.actualEnd || null,
    goals: draft.goals,
    needIds: draft.needIds,
  };
}

// NaN (an unreadable amount) is never "the same": JSON would write it as null, equal to an empty
// stored value, and the edit would vanish without the schema's error.
const sameValue = (a: unknown, b: unknown) =>
  !(typeof a === 'number' && Number.isNaN(a)) && JSON.stringify(a) === JSON.stringify(b);

/**
 * Only the fields that differ from the stored measure: a PATCH names what the person changed, so
 * the audit trail shows exactly that. Lists compare as sets where order carries no meaning.
 */
export function changedFields(draft: MeasureDraft, measure: MeasureDto): UpdateMeasureInput {
  const values = draftValues(draft);
  const stored = draftValues(toDraft(measure));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(values) as (keyof typeof values)[]) {
    const a = values[key];
    const b = stored[key];
    const unordered = key === 'sozialraumIds' || key === 'needIds';
    const equal = unordered
      ? sameValue([...(a as string[])].sort(), [...(b as string[])].sort())
      : sameValue(a, b);
    if (!equal) changes[key] = a;
  }
  return changes as UpdateMeasureInput;
}

/** What the create form sends: the essentials; schedule and goals come on the detail page, progress with reports. */
export function createValues(draft: MeasureDraft) {
  const values = draftValues(draft);
  return {
    title: values.title,
    description: values.description,
    sozialraumIds: values.sozialraumIds,
    cityWide: values.cityWide,
    handlungsfeld: values.handlungsfeld,
    responsibleDepartment: values.responsibleDepartment,
    provider: values.provider,
    targetGroup: values.targetGroup,
    costOneOff: values.costOneOff,
    costYearly: values.costYearly,
    fundingSource: values.fundingSource,
    fundingProgramme: values.fundingProgramme,
    needIds: values.needIds,
  };
}

const measureFieldIds: Record<string, string> = {
  title: 'measure-title',
  description: 'measure-description',
  handlungsfeld: 'measure-handlungsfeld',
  targetGroup: 'measure-target-group',
  responsibleDepartment: 'measure-department',
  provider: 'measure-provider',
  costOneOff: 'measure-cost-one-off',
  costYearly: 'measure-cost-yearly',
  fundingSource: 'measure-funding',
  fundingProgramme: 'measure-programme',
  plannedStart: 'measure-planned-start',
  plannedEnd: 'measure-planned-end',
  actualStart: 'measure-actual-start',
  actualEnd: 'measure-actual-end',
};

/**
 * The id of the control in `MeasureFields` an error path belongs to, for the error summary; undefined
 * for errors without a single control (the Sozialräume checkboxes), which the summary lists unlinked.
 */
export function measureFieldId(path: string): string | undefined {
  const goal = /^goals\.(\d+)\.(goal|indicator|targetValue)$/.exec(path);
  if (!goal) return measureFieldIds[path];
  const [, index, field] = goal;
  return field === 'goal'
    ? `goal-${index}`
    : `goal-${index}-${field === 'indicator' ? 'indicator' : 'target'}`;
}
