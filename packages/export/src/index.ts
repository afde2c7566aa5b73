export { renderPaperDocx } from './docx/render.ts';
export { renderPaperPdf } from './pdf/render.ts';
export {
  berlinOffset,
  meetingIdOf,
  meetingStart,
  oparlBody,
  oparlConsultation,
  oparlList,
  oparlMeeting,
  oparlOrganization,
  oparlPaper,
  oparlPaperBundle,
  oparlRoot,
  oparlStoredMeeting,
  oparlSystem,
  oparlUrls,
  type OparlContext,
  type OparlObject,
  type OparlPage,
  type OparlPaperBundle,
  type OparlSystemInput,
  type StoredMeeting,
} from './oparl/build.ts';
export {
  cleanText,
  paperBlocks,
  paperMeta,
  toPaperDocument,
  type PaperBlock,
  type PaperMeta,
} from './model.ts';
export {
  OPARL_OBJECT_TYPES,
  OPARL_SCHEMAS,
  type JsonSchemaObject,
  type OparlObjectType,
  type OparlSchemaName,
} from './oparl/schemas.ts';
export { renderActionPlanDocx } from './action-plan/docx.ts';
export { renderActionPlanPdf } from './action-plan/pdf.ts';
export {
  actionPlanModel,
  type ActionPlanExportInput,
  type ExportComment,
  type ExportCommentThread,
} from './action-plan/model.ts';
export { renderTablePdf, type TablePdfInput } from './table/pdf.ts';
export { renderProfileDocx } from './profile/docx.ts';
export { renderProfilePdf } from './profile/pdf.ts';
export { profileModel, type ProfileExportInput, type ProfileModel } from './profile/model.ts';
export { renderWorkplanPdf } from './workplan/pdf.ts';
export {
  dayAndQuarter,
  milestoneLine,
  packagePlace,
  packageStatus,
  quarterOf,
  workplanFileName,
  type WorkplanExportInput,
} from './workplan/model.ts';
