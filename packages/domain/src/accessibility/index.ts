export * from './schemas.ts';
export * from './statement.ts';
export * from './simple-markdown.ts';
