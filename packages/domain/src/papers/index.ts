export * from './labels.ts';
export * from './reference.ts';
export * from './rich-text.ts';
export * from './schemas.ts';
export * from './format.ts';
export * from './dto.ts';
