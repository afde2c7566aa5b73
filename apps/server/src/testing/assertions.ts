import type { ErrorBody, ErrorCode } from '@quartierplan/domain';
import { expect } from 'vitest';
import type { ApiResponse } from './client.ts';

/** Traces of an exception that must never reach a client. */
const LEAKS = /\bat .+:\d+:\d+|\w+Error\b|node_modules|\.ts\b|\bstack\b/;

/**
 * Asserts the one error shape `{"error":{"code","message","details"}}` with the given status and
 * code, a German message for people and no trace of a stack; returns the error for further checks.
 */
export function expectError(response: ApiResponse, status: number, code: ErrorCode): ErrorBody['error'] {
  expect({ status: response.status, text: response.text }).toEqual({ status, text: expect.any(String) });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = response.body as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.details === null || typeof body.error.details === 'object').toBe(true);
  expect(response.text).not.toMatch(LEAKS);
  return body.error;
}
