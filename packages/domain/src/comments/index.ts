export * from './schemas.ts';
export * from './dto.ts';
export * from './notification-query.ts';
