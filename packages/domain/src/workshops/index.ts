export * from './code.ts';
export * from './voting.ts';
export * from './permissions.ts';
export * from './schemas.ts';
export * from './dto.ts';
export * from './entities.ts';
export * from './export.ts';
