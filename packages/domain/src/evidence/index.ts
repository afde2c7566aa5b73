export * from './disclosure.ts';
export * from './import.ts';
