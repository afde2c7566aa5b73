export * from './persistence/document-store.ts';
export * from './persistence/update-writer.ts';
export * from './persistence/needs-projection.ts';
