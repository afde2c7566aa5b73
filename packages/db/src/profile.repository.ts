import type { IndicatorKind, MeasureStatus } from '@quartierplan/domain';
import type { Queryable } from './connection.ts';

/** An indicator as the profile lists it (its values come through disclosure control, not from here). */
export interface ProfileIndicatorRow {
  id: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  topic: string;
  source: string;
  description: string;
  precision: number;
  partOf: string | null;
}

/** What the Sozialraum profile reads besides the figures: which indicators it has, and its measures. */
export function profileRepository(sql: Queryable) {
  return {
    /** The body's indicators with at least one value in the Sozialraum, by topic and name. */
    async indicatorsWithValues(bodyId: string, sozialraumId: string): Promise<ProfileIndicatorRow[]> {
      return sql<ProfileIndicatorRow[]>`
        select i.id, i.name, i.unit, i.kind, i.topic, i.source, i.description, i.precision, i.part_of
        from indicator i
        where i.body_id = ${bodyId}
          and exists (select 1 from indicator_value v
                      where v.indicator_id = i.id and v.sozialraum_id = ${sozialraumId})
        order by i.topic, i.position`;
    },

    /** The measures linked to the Sozialraum, last changed first. */
    async measures(
      bodyId: string,
      sozialraumId: string,
    ): Promise<{ id: string; title: string; status: MeasureStatus; progress: number }[]> {
      return sql<{ id: string; title: string; status: MeasureStatus; progress: number }[]>`
        select m.id, m.title, m.status, m.progress from measure m
        join measure_sozialraum ms on ms.measure_id = m.id
        where m.body_id = ${bodyId} and ms.sozialraum_id = ${sozialraumId}
        order by m.updated_at desc, m.id`;
    },
  };
}
