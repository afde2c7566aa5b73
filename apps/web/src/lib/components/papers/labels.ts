import type {
  ClimateImpact,
  ConsultationResult,
  ConsultationRole,
  DisabilityImpact,
  FinancialImpact,
  PaperStatus,
  PaperType,
} from '@quartierplan/domain';
import { m } from '$lib/paraglide/messages';

/** UI labels of paper ids (the ids stay English in code and API). */
export const paperTypeLabel = (type: PaperType): string =>
  ({
    beschlussvorlage: m.paper_type_beschlussvorlage,
    mitteilungsvorlage: m.paper_type_mitteilungsvorlage,
    antrag: m.paper_type_antrag,
  })[type]();

export const paperStatusLabel = (status: PaperStatus): string =>
  (status === 'draft' ? m.paper_status_draft : m.paper_status_released)();

export const consultationRoleLabel = (role: ConsultationRole): string =>
  ({
    preliminary: m.paper_role_preliminary,
    decision: m.paper_role_decision,
    information: m.paper_role_information,
  })[role]();

export const consultationResultLabel = (result: ConsultationResult | null): string =>
  result
    ? {
        acknowledged: m.paper_result_acknowledged,
        recommended: m.paper_result_recommended,
        decided: m.paper_result_decided,
        decided_amended: m.paper_result_decided_amended,
        rejected: m.paper_result_rejected,
        postponed: m.paper_result_postponed,
      }[result]()
    : m.paper_result_open();

export const disabilityImpactLabel = (kind: DisabilityImpact): string =>
  ({
    not_affected: m.paper_disability_not_affected,
    affected: m.paper_disability_affected,
    possibly_affected: m.paper_disability_possibly_affected,
  })[kind]();

export const climateImpactLabel = (kind: ClimateImpact): string =>
  ({
    none: m.paper_climate_none,
    positive: m.paper_climate_positive,
    negative: m.paper_climate_negative,
  })[kind]();

export const financialImpactLabel = (kind: FinancialImpact): string =>
  (kind === 'none' ? m.paper_financial_none : m.paper_financial_costs)();
