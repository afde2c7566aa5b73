import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  changeOwnPasswordInputSchema,
  createCommitteeInputSchema,
  createSozialraumInputSchema,
  createUserInputSchema,
  emailSchema,
  idParamSchema,
  listSozialraeumeQuerySchema,
  loginInputSchema,
  passwordSchema,
  resetPasswordInputSchema,
  setMembershipsInputSchema,
  updateSozialraumInputSchema,
  updateUserInputSchema,
} from './schemas.ts';

const ID_A = '11111111-1111-4111-8111-111111111111';
const ID_B = '22222222-2222-4222-8222-222222222222';

/** The issues of a failed parse as `path: message` lines, for readable assertions. */
function issues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const validUser = {
  email: 'anna.schmidt@hagen.de',
  name: 'Anna Schmidt',
  password: 'lange-passphrase',
  role: 'member',
};

describe('passwordSchema', () => {
  it('requires at least 12 characters, with a German message', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(issues(passwordSchema, 'a'.repeat(11))).toEqual([
      ': Das Passwort muss mindestens 12 Zeichen lang sein.',
    ]);
    expect(passwordSchema.parse('a'.repeat(12))).toBe('a'.repeat(12));
  });

  it('welcomes long passphrases up to the hashing cap', () => {
    const passphrase = 'Über sieben Brücken musst du gehen, sieben dunkle Jahre überstehn';
    expect(passwordSchema.parse(passphrase)).toBe(passphrase);
    expect(passwordSchema.safeParse('x'.repeat(PASSWORD_MAX_LENGTH)).success).toBe(true);
    expect(issues(passwordSchema, 'x'.repeat(PASSWORD_MAX_LENGTH + 1))).toEqual([
      ': Das Passwort darf höchstens 1024 Zeichen lang sein.',
    ]);
  });

  it('keeps spaces: they are part of the password', () => {
    expect(passwordSchema.parse('  zwölf zeichen  ')).toBe('  zwölf zeichen  ');
  });
});

describe('emailSchema', () => {
  it('trims and lower-cases the address', () => {
    expect(emailSchema.parse('  Anna.Schmidt@Hagen.DE ')).toBe('anna.schmidt@hagen.de');
  });

  it.each(['anna', 'anna@', '@hagen.de', 'anna schmidt@hagen.de', ''])('refuses %j in German', (email) => {
    expect(issues(emailSchema, email)).toEqual([': Bitte eine gültige E-Mail-Adresse angeben.']);
  });

  it('refuses over-long addresses', () => {
    expect(issues(emailSchema, `${'a'.repeat(250)}@x.de`)).toEqual([': Die E-Mail-Adresse ist zu lang.']);
  });
});

describe('loginInputSchema', () => {
  it('normalises the e-mail address and accepts a password of any non-empty length', () => {
    // Old passwords shorter than today's minimum must still be checkable against their hash.
    expect(loginInputSchema.parse({ email: ' Anna@Hagen.de ', password: 'kurz' })).toEqual({
      email: 'anna@hagen.de',
      password: 'kurz',
    });
  });

  it('asks for both fields in German', () => {
    expect(issues(loginInputSchema, { email: '', password: '' })).toEqual([
      'email: Bitte die E-Mail-Adresse angeben.',
      'password: Bitte das Passwort angeben.',
    ]);
  });

  it('answers zod’s own checks in German too', () => {
    expect(issues(loginInputSchema, {})).toEqual([
      'email: Ungültige Eingabe: erwartet string, erhalten undefined',
      'password: Ungültige Eingabe: erwartet string, erhalten undefined',
    ]);
  });
});

describe('createUserInputSchema', () => {
  it('accepts a user and defaults to no memberships', () => {
    expect(createUserInputSchema.parse(validUser)).toEqual({ ...validUser, memberships: [] });
  });

  it('reports every problem with its path and a German message', () => {
    expect(
      issues(createUserInputSchema, {
        email: 'keine-adresse',
        name: '   ',
        password: 'zu-kurz',
        role: 'chef',
        memberships: [{ sozialraumId: 'abc', access: 'write' }],
      }),
    ).toEqual([
      'email: Bitte eine gültige E-Mail-Adresse angeben.',
      'name: Bitte einen Namen angeben.',
      'password: Das Passwort muss mindestens 12 Zeichen lang sein.',
      'role: Unbekannte Rolle.',
      'memberships.0.sozialraumId: Ungültige Kennung.',
      'memberships.0.access: Zugriff muss „edit“, „comment“ oder „view“ sein.',
    ]);
  });

  it.each(['admin', 'clerk', 'member'])('accepts the role %s', (role) => {
    expect(createUserInputSchema.safeParse({ ...validUser, role }).success).toBe(true);
  });

  it('refuses the same Sozialraum twice', () => {
    const twice = [
      { sozialraumId: ID_A, access: 'edit' },
      { sozialraumId: ID_A, access: 'view' },
    ];
    expect(issues(createUserInputSchema, { ...validUser, memberships: twice })).toEqual([
      'memberships: Jeder Sozialraum darf nur einmal vorkommen.',
    ]);
    expect(issues(setMembershipsInputSchema, { memberships: twice })).toEqual([
      'memberships: Jeder Sozialraum darf nur einmal vorkommen.',
    ]);
  });

  it('accepts distinct memberships with edit and view', () => {
    const memberships = [
      { sozialraumId: ID_A, access: 'edit' },
      { sozialraumId: ID_B, access: 'view' },
    ];
    expect(setMembershipsInputSchema.parse({ memberships })).toEqual({ memberships });
  });
});

describe('updateUserInputSchema', () => {
  it('accepts any subset of name, role and active', () => {
    expect(updateUserInputSchema.parse({ active: false })).toEqual({ active: false });
    expect(updateUserInputSchema.parse({ name: ' Neu ', role: 'clerk' })).toEqual({
      name: 'Neu',
      role: 'clerk',
    });
  });

  it('refuses an empty change in German', () => {
    expect(issues(updateUserInputSchema, {})).toEqual([': Keine Änderung angegeben.']);
  });
});

describe('password changes', () => {
  it('apply the minimum length to the new password only', () => {
    expect(issues(resetPasswordInputSchema, { password: 'kurz' })).toEqual([
      'password: Das Passwort muss mindestens 12 Zeichen lang sein.',
    ]);
    expect(
      changeOwnPasswordInputSchema.safeParse({ currentPassword: 'alt', newPassword: 'neues-langes-pw' })
        .success,
    ).toBe(true);
    expect(issues(changeOwnPasswordInputSchema, { currentPassword: '', newPassword: 'kurz' })).toEqual([
      'currentPassword: Bitte das bisherige Passwort angeben.',
      'newPassword: Das Passwort muss mindestens 12 Zeichen lang sein.',
    ]);
  });
});

describe('Sozialraum schemas', () => {
  it('trims, and defaults the Stadtbezirk to empty', () => {
    expect(createSozialraumInputSchema.parse({ code: ' HA-01 ', name: ' Altenhagen ' })).toEqual({
      code: 'HA-01',
      name: 'Altenhagen',
      stadtbezirk: '',
    });
  });

  it.each(['Ä1', '01', 'a.b_c-d'])('accepts the code %j', (code) => {
    expect(createSozialraumInputSchema.safeParse({ code, name: 'X' }).success).toBe(true);
  });

  it.each(['-01', '.a', 'a b', 'a/b'])('refuses the code %j in German', (code) => {
    expect(issues(createSozialraumInputSchema, { code, name: 'X' })).toEqual([
      'code: Das Kürzel darf nur Buchstaben, Ziffern, Punkt, Unter- und Bindestrich enthalten.',
    ]);
  });

  it('limits the code length', () => {
    expect(issues(createSozialraumInputSchema, { code: 'a'.repeat(21), name: 'X' })).toEqual([
      'code: Das Kürzel darf höchstens 20 Zeichen lang sein.',
    ]);
  });

  it('updates any subset, archiving included, but not nothing', () => {
    expect(updateSozialraumInputSchema.parse({ archived: true })).toEqual({ archived: true });
    expect(issues(updateSozialraumInputSchema, {})).toEqual([': Keine Änderung angegeben.']);
  });

  it('reads includeArchived only as true or false', () => {
    expect(listSozialraeumeQuerySchema.parse({ includeArchived: 'true' })).toEqual({
      includeArchived: 'true',
    });
    expect(listSozialraeumeQuerySchema.safeParse({ includeArchived: 'yes' }).success).toBe(false);
  });
});

describe('createCommitteeInputSchema', () => {
  it.each(['council', 'committee', 'district', 'advisory'])('accepts the kind %s', (kind) => {
    expect(createCommitteeInputSchema.safeParse({ name: 'Rat', kind }).success).toBe(true);
  });

  it('refuses an unknown kind in German', () => {
    expect(issues(createCommitteeInputSchema, { name: 'Rat', kind: 'senate' })).toEqual([
      'kind: Art muss council, committee, district oder advisory sein.',
    ]);
  });
});

describe('idParamSchema', () => {
  it('accepts UUIDs only', () => {
    expect(idParamSchema.safeParse({ id: ID_A }).success).toBe(true);
    expect(issues(idParamSchema, { id: '1; drop table body' })).toEqual(['id: Ungültige Kennung.']);
  });
});
