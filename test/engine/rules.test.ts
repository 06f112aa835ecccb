import { evaluate, holds, priorityRank, route } from '../../engine';

const table = {
  rules: [
    { id: 'urgence', when: { '<=': [{ days_until: [{ var: 'data.depart' }, { var: 'now' }] }, 7] }, then: { service: 'titres', queue: 'prioritaire', priority: 'urgente' as const } },
    { id: 'annexe', when: { in: [{ var: 'data.codePostal' }, ['75019', '75020']] }, then: { service: 'titres', site: 'mairie-annexe', queue: 'instruction', priority: 'normale' as const } },
  ],
  default: { service: 'titres', site: 'hotel-de-ville', queue: 'instruction', priority: 'normale' as const },
};

describe('route', () => {
  const now = '2026-06-01T08:00:00Z';

  it('applies the first rule that holds', () => {
    expect(route(table, { data: { depart: '2026-06-05', codePostal: '75019' }, now })).toEqual({ service: 'titres', queue: 'prioritaire', priority: 'urgente', rule: 'urgence' });
  });

  it('goes on to the next rule when one does not hold', () => {
    expect(route(table, { data: { depart: '2026-09-01', codePostal: '75020' }, now })).toMatchObject({ site: 'mairie-annexe', rule: 'annexe' });
  });

  it('falls back to the default, saying no rule matched', () => {
    expect(route(table, { data: { depart: '2026-09-01', codePostal: '75011' }, now })).toEqual({ ...table.default, rule: null });
  });

  it('ranks priorities from the most urgent', () => {
    expect(['basse', 'urgente', 'normale', 'haute'].sort((a, b) => priorityRank(a as never) - priorityRank(b as never))).toEqual(['urgente', 'haute', 'normale', 'basse']);
  });
});

describe('conditions', () => {
  const at = (now: string) => ({ data: { naissance: '2010-03-15' }, now });

  it('counts full years of age, a birthday counting on its day', () => {
    expect(evaluate({ age_years: [{ var: 'data.naissance' }, { var: 'now' }] }, at('2026-03-14T12:00:00Z'))).toBe(15);
    expect(evaluate({ age_years: [{ var: 'data.naissance' }, { var: 'now' }] }, at('2026-03-15T12:00:00Z'))).toBe(16);
  });

  it('counts full months of age', () => {
    expect(evaluate({ age_months: [{ var: 'data.naissance' }, { var: 'now' }] }, at('2026-06-14T12:00:00Z'))).toBe(194);
    expect(evaluate({ age_months: [{ var: 'data.naissance' }, { var: 'now' }] }, at('2026-06-15T12:00:00Z'))).toBe(195);
  });

  it('adds an ISO 8601 duration to a date', () => {
    expect(evaluate({ add_duration: [{ var: 'data.naissance' }, 'P16Y'] }, at('2026-01-01T00:00:00Z'))).toBe('2026-03-14T23:00:00.000Z');
  });

  it('answers null instead of failing on a missing or invalid date', () => {
    expect(evaluate({ age_years: [{ var: 'data.absente' }, { var: 'now' }] }, at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(evaluate({ days_until: ['pas une date', { var: 'now' }] }, at('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('compares lists of pièces', () => {
    const scope = { asked: ['a', 'b', 'c'], given: { a: [{}], b: [], c: null } };
    expect(evaluate({ difference: [{ var: 'asked' }, { keys: [{ var: 'given' }] }] }, scope)).toEqual(['b', 'c']);
    expect(holds({ '!': { difference: [['a'], { keys: [{ var: 'given' }] }] } }, scope)).toBe(true);
    expect(evaluate({ count: [{ var: 'asked' }] }, scope)).toBe(3);
  });
});

describe('conditions on Paris dates', () => {
  it('counts a birthday from midnight in Paris, not in UTC', () => {
    // 23:30 UTC on 14 March is already 15 March in Paris.
    expect(evaluate({ age_years: ['2010-03-15', { var: 'now' }] }, { now: '2026-03-14T23:30:00Z' })).toBe(16);
  });

  it('counts days between Paris calendar dates', () => {
    expect(evaluate({ days_until: ['2026-06-05', { var: 'now' }] }, { now: '2026-06-01T23:30:00Z' })).toBe(3);
    expect(evaluate({ days_since: ['2026-03-28', { var: 'now' }] }, { now: '2026-03-30T08:00:00Z' })).toBe(2);
  });

  it('reads the Paris day of every instant right, though it keeps one answer per UTC hour', () => {
    // Every 20 minutes of 2026, both changes of offset included, in the order events come (an
    // answer for an hour is kept, then served to the next instants of that hour), against Intl.
    const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
    const start = Date.UTC(2026, 0, 1);
    for (let t = start; t < Date.UTC(2027, 0, 1); t += 20 * 60_000 + 7) {
      const now = new Date(t).toISOString();
      const expected = Math.round((Date.parse(paris.format(t)) - start) / 86_400_000);
      expect([now, evaluate({ days_since: ['2026-01-01', { var: 'now' }] }, { now })]).toEqual([now, expected]);
    }
  });
});
