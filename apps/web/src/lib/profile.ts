import { formatFigure, type SozialraumProfileDto } from '@quartierplan/domain';

type KeyFigure = SozialraumProfileDto['keyFigures'][number];

/** One point or bar of a profile chart: its label, its published value (null when suppressed), that value as text. */
export interface ChartItem {
  label: string;
  value: number | null;
  text: string;
}

/**
 * The change since the previous reference date as signed text in the indicator's notation ("+117", "−1,2 Pp."),
 * or null when there is no previous date, and "•" when either figure is suppressed (a difference of a hidden
 * figure would give it away).
 */
export function changeText(figure: KeyFigure, locale: string): string | null {
  const { previous, here, indicator } = figure;
  if (!previous) return null;
  if (here.value === null || previous.value === null)
    return formatFigure({ value: null, suppressed: true }, 0);
  const difference = here.value - previous.value;
  const unit = indicator.unit === '%' ? 'Pp.' : indicator.unit;
  const text = formatFigure(
    { value: Math.abs(difference), suppressed: false },
    indicator.precision,
    unit,
    locale,
  );
  const zero = Number(Math.abs(difference).toFixed(indicator.precision)) === 0;
  return zero ? text : `${difference > 0 ? '+' : '−'}${text}`;
}

/** The points of an indicator's time series as chart items. */
export function seriesItems(
  profile: SozialraumProfileDto,
  indicatorId: string,
  formatDate: (iso: string) => string,
  locale: string,
): ChartItem[] {
  const indicator = profile.keyFigures.find((k) => k.indicator.id === indicatorId)?.indicator;
  const points = profile.series.find((s) => s.indicatorId === indicatorId)?.points ?? [];
  if (!indicator) return [];
  return points.map((point) => ({
    label: formatDate(point.date),
    value: point.value,
    text: formatFigure(point, indicator.precision, indicator.unit, locale),
  }));
}

/** A total with its parts (an age structure): each part's figure at the total's latest date. */
export interface PartsOfTotal {
  total: KeyFigure;
  date: string;
  items: ChartItem[];
}

/** Every indicator of the profile that has parts (`partOf`) there, with the parts' figures at its date. */
export function partsOfTotals(profile: SozialraumProfileDto, locale: string): PartsOfTotal[] {
  return profile.keyFigures.flatMap((total) => {
    const parts = profile.keyFigures.filter((k) => k.indicator.partOf === total.indicator.id);
    if (parts.length === 0) return [];
    const items = parts.flatMap((part) => {
      const point = profile.series
        .find((s) => s.indicatorId === part.indicator.id)
        ?.points.find((p) => p.date === total.date);
      if (!point) return [];
      return [
        {
          label: part.indicator.name,
          value: point.value,
          text: formatFigure(point, part.indicator.precision, part.indicator.unit, locale),
        },
      ];
    });
    return items.length > 0 ? [{ total, date: total.date, items }] : [];
  });
}
