export * from './workflow.ts';
export * from './permissions.ts';
export * from './schemas.ts';
export * from './dto.ts';
