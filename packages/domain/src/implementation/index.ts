export * from './schemas.ts';
export * from './dto.ts';
export * from './late.ts';
export * from './permissions.ts';
