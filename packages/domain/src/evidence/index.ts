export * from './disclosure.ts';
