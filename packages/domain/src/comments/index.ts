export * from './schemas.ts';
export * from './dto.ts';
