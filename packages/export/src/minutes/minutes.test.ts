import { describe, expect, it } from 'vitest';
import { minutesModel, minutesParagraphs } from './model.ts';

describe('the Auszug aus der Niederschrift', () => {
  it('splits the minutes at blank lines and keeps single line breaks, dropping what XML forbids', () => {
    expect(minutesParagraphs('Erster Absatz\r\nzweite Zeile\n\n  \n\nZweiter\u0007 Absatz\n\n')).toEqual([
      ['Erster Absatz', 'zweite Zeile'],
      ['Zweiter Absatz'],
    ]);
    expect(minutesParagraphs('  \n\n ')).toEqual([]);
  });

  it('names committee, meeting (day, time, place), agenda item and result', () => {
    const model = minutesModel({
      body: { name: 'Stadt Hagen', letterhead: ['Der Oberbürgermeister'] },
      committee: 'Jugendhilfeausschuss',
      date: '2024-02-01',
      meeting: { startTime: '16:30', location: 'Rathaus' },
      paper: { type: 'beschlussvorlage', reference: '0123/2024', subject: 'Netzwerk' },
      result: 'recommended',
      resultDate: '2024-02-01',
      minutes: 'Text',
    });
    expect(model.title).toBe('Auszug aus der Niederschrift');
    expect(model.rows).toEqual([
      { label: 'Gremium', value: 'Jugendhilfeausschuss' },
      { label: 'Sitzung', value: '01.02.2024, 16:30 Uhr, Rathaus' },
      { label: 'Tagesordnungspunkt', value: 'Beschlussvorlage 0123/2024: Netzwerk' },
      { label: 'Ergebnis', value: 'empfohlen (01.02.2024)' },
    ]);
    const bare = minutesModel({
      ...{ body: { name: 'X', letterhead: [] }, committee: 'Rat', date: '2024-03-14' },
      meeting: null,
      paper: { type: 'antrag', reference: '1/2024', subject: 'S' },
      result: null,
      resultDate: null,
      minutes: '',
    });
    expect(bare.rows[1]!.value).toBe('14.03.2024');
    expect(bare.rows[3]!.value).toBe('noch nicht erfasst');
  });
});
