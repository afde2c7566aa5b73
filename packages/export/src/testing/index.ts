export * from './read.ts';
export * from './read-pdf.ts';
export * from './oparl-schema.ts';
export type { OparlObjectType, OparlSchemaName } from '../oparl/schemas.ts';
export * from './action-plan.ts';
export * from './libreoffice.ts';
