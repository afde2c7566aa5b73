export * from './close-codes.ts';
export * from './schema.ts';
export * from './needs.ts';
export * from './text-edit.ts';
export * from './colour.ts';
