export * from './roles.ts';
export * from './errors.ts';
export * from './schemas.ts';
export * from './dto.ts';
export * from './german-number.ts';
export * from './cross-origin.ts';
export * from './measures/index.ts';
export * from './papers/index.ts';
