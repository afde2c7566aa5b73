export * from './disclosure.ts';
export * from './import.ts';
export * from './dto.ts';
export * from './profile.ts';
export * from './indicator-inputs.ts';
export * from './citations.ts';
