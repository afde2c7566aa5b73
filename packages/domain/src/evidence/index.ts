export * from './disclosure.ts';
export * from './import.ts';
export * from './dto.ts';
export * from './classes.ts';
export * from './offer-import.ts';
export * from './map.ts';
