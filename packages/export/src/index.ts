export { renderPaperDocx } from './docx/render.ts';
export { renderPaperPdf } from './pdf/render.ts';
export {
  meetingIdOf,
  oparlBody,
  oparlConsultation,
  oparlMeeting,
  oparlOrganization,
  oparlPaper,
  oparlPaperBundle,
  oparlRoot,
  oparlSystem,
  oparlUrls,
  type OparlContext,
  type OparlObject,
  type OparlPaperBundle,
  type OparlSystemInput,
} from './oparl/build.ts';
export {
  cleanText,
  paperBlocks,
  paperMeta,
  toPaperDocument,
  type PaperBlock,
  type PaperMeta,
} from './model.ts';
