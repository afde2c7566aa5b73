import { describe, expect, it } from 'vitest';
import { rightsFromGroups } from './index.ts';

const mapping = { adminGroup: 'qp-admin', clerkGroup: 'qp-clerk', sozialraumPrefix: 'qp-sr-' };

describe('rightsFromGroups', () => {
  it('makes admins, clerks and members', () => {
    expect(rightsFromGroups(['qp-clerk', 'qp-admin'], mapping).role).toBe('admin');
    expect(rightsFromGroups(['qp-clerk'], mapping).role).toBe('clerk');
    expect(rightsFromGroups(['andere', 'qp-admins'], mapping).role).toBe('member');
  });

  it('reads memberships, the strongest access winning, and Keycloak group paths', () => {
    const { access } = rightsFromGroups(
      ['/Kommune/qp-sr-712-view', 'qp-sr-712-edit', 'qp-sr-A-1-comment', 'qp-sr-713-admin', 'qp-sr--edit'],
      mapping,
    );
    expect(Object.fromEntries(access)).toEqual({ '712': 'edit', 'A-1': 'comment' });
  });
});
