import type { MeasureStatus } from '@quartierplan/domain';

/**
 * Colours of the measure states in charts: the Okabe–Ito palette (told apart with the common colour-vision
 * deficiencies) plus two greys. Colour never carries the status alone: each state also has its own fill
 * pattern (`STATUS_PATTERN`), the legend names it and every chart has a table with the figures.
 */
export const STATUS_CHART_COLOUR: Record<MeasureStatus, string> = {
  idea: '#BBBBBB',
  recommended: '#CC79A7',
  planned: '#56B4E9',
  in_consultation: '#0072B2',
  decided: '#009E73',
  in_implementation: '#E69F00',
  completed: '#F0E442',
  evaluated: '#000000',
  rejected: '#D55E00',
  deferred: '#777777',
};

export type PatternShape = 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical' | 'zigzag';

/** The fill pattern per state, so neighbouring segments differ in shape as well as colour. */
export const STATUS_PATTERN: Record<MeasureStatus, PatternShape> = {
  idea: 'dots',
  recommended: 'diagonal',
  planned: 'solid',
  in_consultation: 'horizontal',
  decided: 'cross',
  in_implementation: 'diagonal',
  completed: 'dots',
  evaluated: 'solid',
  rejected: 'zigzag',
  deferred: 'vertical',
};

/** Black or white lines, whichever reads on the colour (relative luminance). */
function ink(colour: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255);
  const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return lum > 0.45 ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.8)';
}

/**
 * A canvas pattern for Chart.js: the colour with the shape's lines over it (a plain colour for `solid`, and
 * where there is no canvas, e.g. while rendering on the server).
 */
export function chartPattern(colour: string, shape: PatternShape): CanvasPattern | string {
  if (shape === 'solid' || typeof document === 'undefined') return colour;
  const size = 10;
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext('2d');
  if (!ctx) return colour;
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = ink(colour);
  ctx.fillStyle = ink(colour);
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  switch (shape) {
    case 'diagonal':
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      ctx.moveTo(-size / 2, size / 2);
      ctx.lineTo(size / 2, -size / 2);
      ctx.moveTo(size / 2, size * 1.5);
      ctx.lineTo(size * 1.5, size / 2);
      break;
    case 'cross':
      ctx.moveTo(0, 0);
      ctx.lineTo(size, size);
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      break;
    case 'horizontal':
      ctx.moveTo(0, size / 2);
      ctx.lineTo(size, size / 2);
      break;
    case 'vertical':
      ctx.moveTo(size / 2, 0);
      ctx.lineTo(size / 2, size);
      break;
    case 'zigzag':
      ctx.moveTo(0, size * 0.7);
      ctx.lineTo(size / 2, size * 0.3);
      ctx.lineTo(size, size * 0.7);
      break;
    case 'dots':
      ctx.arc(size / 2, size / 2, 1.6, 0, Math.PI * 2);
      ctx.fill();
      break;
  }
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? colour;
}

/** Planned and decided amounts in the cost chart: blue solid vs. orange hatched (Okabe–Ito). */
export const COST_COLOURS = { planned: '#56B4E9', decided: '#E69F00' } as const;

/** One series of a bar chart: its name (legend), its values per category, colour and pattern. */
export interface ChartSeries {
  label: string;
  values: number[];
  colour: string;
  pattern: PatternShape;
}
