export { renderPaperDocx } from './docx/render.ts';
export {
  oparlBody,
  oparlConsultation,
  oparlMeeting,
  oparlOrganization,
  oparlPaper,
  oparlPaperBundle,
  oparlRoot,
  oparlSystem,
  oparlUrls,
  meetingIdOf,
  type OparlContext,
  type OparlObject,
  type OparlPaperBundle,
  type OparlSystemInput,
} from './oparl/build.ts';
export {
  paperBlocks,
  paperMeta,
  toPaperDocument,
  cleanText,
  type PaperBlock,
  type PaperMeta,
} from './model.ts';
