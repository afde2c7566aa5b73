// The document models and OParl: light, loaded with the server. The DOCX and PDF renderers (docx, pdfmake and
// its fonts, some 25 MB resident) are in `./render.ts` (`@quartierplan/export/render`), loaded on the first export.
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
export {
  actionPlanModel,
  type ActionPlanExportInput,
  type ExportComment,
  type ExportCommentThread,
} from './action-plan/model.ts';
export { profileModel, type ProfileExportInput, type ProfileModel } from './profile/model.ts';
export {
  dayAndQuarter,
  milestoneLine,
  packagePlace,
  packageStatus,
  quarterOf,
  workplanFileName,
  type WorkplanExportInput,
} from './workplan/model.ts';
export {
  MINUTES_TITLE,
  minutesModel,
  minutesParagraphs,
  type MinutesExportInput,
  type MinutesModel,
} from './minutes/model.ts';
