export * from './close-codes.ts';
export * from './schema.ts';
