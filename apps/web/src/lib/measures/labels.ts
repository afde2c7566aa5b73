import type { FundingSource, MeasureStatus } from '@quartierplan/domain';
import { m } from '$lib/paraglide/messages';
import type { ChainStage } from './view';

/**
 * UI labels of workflow states. The German texts equal the domain's MEASURE_STATUS_LABELS (a
 * test keeps them equal), so the board says what the server's messages say.
 */
export const statusLabel = (status: MeasureStatus): string =>
  ({
    idea: m.measure_status_idea,
    recommended: m.measure_status_recommended,
    planned: m.measure_status_planned,
    in_consultation: m.measure_status_in_consultation,
    decided: m.measure_status_decided,
    in_implementation: m.measure_status_in_implementation,
    completed: m.measure_status_completed,
    evaluated: m.measure_status_evaluated,
    rejected: m.measure_status_rejected,
    deferred: m.measure_status_deferred,
  })[status]();

export const fundingLabel = (source: FundingSource | null): string =>
  source === null
    ? m.measure_funding_none()
    : {
        eu: m.measure_funding_eu,
        bund: m.measure_funding_bund,
        land: m.measure_funding_land,
        kommunal: m.measure_funding_kommunal,
      }[source]();

export const stageLabel = (stage: ChainStage): string =>
  ({
    need: m.measure_chain_need,
    recommendation: m.measure_chain_recommendation,
    measure: m.measure_chain_measure,
    paper: m.measure_chain_paper,
    decision: m.measure_chain_decision,
    implementation: m.measure_chain_implementation,
  })[stage]();

/** Badge colours per state: grey before the plan, blue in the committees, green once decided. */
export const STATUS_TONE: Record<MeasureStatus, string> = {
  idea: 'bg-slate-100 text-slate-800',
  recommended: 'bg-slate-100 text-slate-800',
  planned: 'bg-sky-100 text-sky-900',
  in_consultation: 'bg-indigo-100 text-indigo-900',
  decided: 'bg-emerald-100 text-emerald-900',
  in_implementation: 'bg-teal-100 text-teal-900',
  completed: 'bg-green-100 text-green-900',
  evaluated: 'bg-green-200 text-green-950',
  rejected: 'bg-red-100 text-red-900',
  deferred: 'bg-amber-100 text-amber-900',
};

/** Chart colours (SVG fill) per state, distinguishable and in the same families as the badges. */
export const STATUS_FILL: Record<MeasureStatus, string> = {
  idea: '#94a3b8',
  recommended: '#64748b',
  planned: '#0ea5e9',
  in_consultation: '#6366f1',
  decided: '#10b981',
  in_implementation: '#14b8a6',
  completed: '#22c55e',
  evaluated: '#15803d',
  rejected: '#ef4444',
  deferred: '#f59e0b',
};

/** Field names in the audit trail ("geändert: Titel, Kosten einmalig"). */
export const fieldLabel = (field: string): string => {
  const labels: Record<string, () => string> = {
    title: m.measure_title,
    description: m.measure_description,
    sozialraumIds: m.measure_sozialraeume,
    cityWide: m.measure_city_wide,
    handlungsfeld: m.measure_handlungsfeld,
    responsibleDepartment: m.measure_responsible_department,
    provider: m.measure_provider,
    targetGroup: m.measure_target_group,
    costOneOff: m.measure_cost_one_off,
    costYearly: m.measure_cost_yearly,
    fundingSource: m.measure_funding_source,
    fundingProgramme: m.measure_funding_programme,
    plannedStart: m.measure_planned_start,
    plannedEnd: m.measure_planned_end,
    actualStart: m.measure_actual_start,
    actualEnd: m.measure_actual_end,
    goals: m.measure_goals,
    progress: m.measure_progress,
    needIds: m.measure_needs,
    decisionDate: m.measure_decision_date,
    paperReference: m.measure_paper_reference,
  };
  return labels[field]?.() ?? field;
};
