import type { AuditEventDto } from '@quartierplan/domain';
import { describe, expect, it } from 'vitest';
import { auditDetailText, auditKindLabel } from './audit';

const event = (patch: Partial<AuditEventDto>): AuditEventDto => ({
  id: '1',
  at: '2026-03-01T10:00:00.000Z',
  kind: 'login',
  actor: null,
  subject: null,
  address: null,
  details: {},
  ...patch,
});
const names = new Map([['sr-1', 'SR-1 Nordstadt']]);
const sozialraum = (id: string) => names.get(id);

describe('auditDetailText', () => {
  it('says logins and failed logins in words, with the address', () => {
    expect(
      auditDetailText(event({ details: { method: 'password' }, address: '198.51.100.7' }), sozialraum),
    ).toBe('mit Passwort · von Adresse 198.51.100.7');
    expect(
      auditDetailText(
        event({
          kind: 'login_failed',
          details: { method: 'password', reason: 'wrong_password', locked: true },
        }),
        sozialraum,
      ),
    ).toBe('mit Passwort · falsches Passwort · Anmeldung danach vorübergehend gesperrt');
  });

  it('names roles, access levels and Sozialräume', () => {
    expect(
      auditDetailText(event({ kind: 'role_changed', details: { from: 'member', to: 'clerk' } }), sozialraum),
    ).toBe('Fachkraft → Gremienbetreuung');
    expect(
      auditDetailText(
        event({ kind: 'membership_changed', details: { sozialraumId: 'sr-1', from: null, to: 'edit' } }),
        sozialraum,
      ),
    ).toMatch(/^SR-1 Nordstadt: .+ → .+$/);
    expect(
      auditDetailText(
        event({ kind: 'membership_changed', details: { sozialraumId: 'sr-9', from: 'view', to: null } }),
        sozialraum,
      ),
    ).toMatch(/^unbekannter Sozialraum: /);
  });

  it('shows what it does not know as key and value, so nothing recorded is hidden', () => {
    expect(
      auditDetailText(event({ kind: 'data_exported', details: { format: 'json', rows: 3 } }), sozialraum),
    ).toBe('format: json · rows: 3');
    expect(
      auditDetailText(
        event({ kind: 'paper_released', details: { paperId: 'p', reference: '0745/2026' } }),
        sozialraum,
      ),
    ).toBe('Vorlage 0745/2026');
  });

  it('labels every kind in German', () => {
    expect(auditKindLabel('settings_changed')).toBe('Einstellung geändert');
    expect(auditKindLabel('login_failed')).toBe('Fehlgeschlagene Anmeldung');
  });
});
