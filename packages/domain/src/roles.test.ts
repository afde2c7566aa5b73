import { describe, expect, it } from 'vitest';
import { landingPath, sozialraumAccess, visibleSozialraumIds, type Principal } from './roles.ts';

const OWN_EDIT = '11111111-1111-4111-8111-111111111111';
const OWN_VIEW = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';

function principal(role: Principal['role'], memberships: Principal['memberships'] = []): Principal {
  return { id: 'u', bodyId: 'b', role, memberships };
}

describe('sozialraumAccess', () => {
  const memberships = [
    { sozialraumId: OWN_EDIT, access: 'edit' },
    { sozialraumId: OWN_VIEW, access: 'view' },
  ] as const;

  it.each([
    ['admin', OWN_EDIT, 'edit'],
    ['admin', OTHER, 'edit'],
    ['clerk', OWN_EDIT, 'view'],
    ['clerk', OTHER, 'view'],
    ['member', OWN_EDIT, 'edit'],
    ['member', OWN_VIEW, 'view'],
    ['member', OTHER, null],
  ] as const)('gives a %s on %s the access %s', (role, sozialraumId, expected) => {
    expect(sozialraumAccess(principal(role, memberships), sozialraumId)).toBe(expected);
  });

  it('ignores memberships of admins and clerks: the role decides', () => {
    const viewOnly = [{ sozialraumId: OWN_VIEW, access: 'view' }] as const;
    expect(sozialraumAccess(principal('admin', viewOnly), OWN_VIEW)).toBe('edit');
    const editing = [{ sozialraumId: OWN_EDIT, access: 'edit' }] as const;
    expect(sozialraumAccess(principal('clerk', editing), OWN_EDIT)).toBe('view');
  });

  it('gives a member without memberships no access at all', () => {
    expect(sozialraumAccess(principal('member'), OWN_EDIT)).toBeNull();
  });
});

describe('visibleSozialraumIds', () => {
  it.each(['admin', 'clerk'] as const)('lets a %s see every Sozialraum', (role) => {
    expect(visibleSozialraumIds(principal(role))).toBeUndefined();
  });

  it('limits a member to their memberships, whatever their access', () => {
    const memberships = [
      { sozialraumId: OWN_EDIT, access: 'edit' },
      { sozialraumId: OWN_VIEW, access: 'view' },
    ] as const;
    expect(visibleSozialraumIds(principal('member', memberships))).toEqual([OWN_EDIT, OWN_VIEW]);
  });

  it('shows a member without memberships nothing', () => {
    expect(visibleSozialraumIds(principal('member', []))).toEqual([]);
  });
});

describe('landingPath', () => {
  it.each([
    ['clerk', '/vorlagen'],
    ['admin', '/massnahmen/dashboard'],
    ['member', '/sozialraeume'],
  ] as const)('leads a %s to %s', (role, path) => {
    expect(landingPath(role)).toBe(path);
  });
});
