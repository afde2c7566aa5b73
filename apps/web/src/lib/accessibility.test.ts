import { describe, expect, it } from 'vitest';
import { feedbackOrigin, originFromQuery } from './accessibility';

describe('feedbackOrigin', () => {
  it('is the path of the page the person is on', () => {
    expect(feedbackOrigin('/massnahmen')).toBe('/massnahmen');
    expect(feedbackOrigin('/login')).toBe('/login');
  });

  it('is nothing on the statement page itself', () => {
    expect(feedbackOrigin('/barrierefreiheit')).toBeNull();
  });

  it('leaves out a workshop invitation code', () => {
    expect(feedbackOrigin('/w/ABCD-1234')).toBe('/w');
  });
});

describe('originFromQuery', () => {
  it('takes only paths of this site', () => {
    expect(originFromQuery('/vorlagen')).toBe('/vorlagen');
    expect(originFromQuery('https://evil.example')).toBe('');
    expect(originFromQuery('//evil.example')).toBe('');
    expect(originFromQuery(null)).toBe('');
  });
});
