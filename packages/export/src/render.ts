// The DOCX and PDF renderers: docx, pdfmake and its fonts load with this module. The server imports it on
// the first export (see apps/server/src/services/renderers.ts), so a process that never exports never pays it.
export { renderActionPlanDocx } from './action-plan/docx.ts';
export { renderActionPlanPdf } from './action-plan/pdf.ts';
export { renderMinutesDocx } from './minutes/docx.ts';
export { renderMinutesPdf } from './minutes/pdf.ts';
export { renderPaperDocx } from './docx/render.ts';
export { renderPaperPdf } from './pdf/render.ts';
export { renderProfileDocx } from './profile/docx.ts';
export { renderProfilePdf } from './profile/pdf.ts';
export { renderTablePdf, type TablePdfInput } from './table/pdf.ts';
export { renderWorkplanPdf } from './workplan/pdf.ts';
