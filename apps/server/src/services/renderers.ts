import type * as Renderers from '@quartierplan/export/render';
import { loadOnFirstUse } from '../load-on-first-use.ts';

/** The DOCX and PDF renderers of `@quartierplan/export` (docx, pdfmake and its fonts: some 25 MB resident). */
export const loadRenderers: () => Promise<typeof Renderers> = loadOnFirstUse(
  () => import('@quartierplan/export/render'),
);
