import { describe, expect, it } from 'vitest';
import { ZonedClock } from './zoned-clock';

describe('ZonedClock', () => {
  const madrid = new ZonedClock('Europe/Madrid');

  it('knows the offset in winter and summer', () => {
    expect(madrid.offsetMinutes(new Date('2024-01-15T12:00:00Z'))).toBe(60);
    expect(madrid.offsetMinutes(new Date('2024-07-15T12:00:00Z'))).toBe(120);
    expect(new ZonedClock('America/New_York').offsetMinutes(new Date('2024-01-15T12:00:00Z'))).toBe(-300);
  });

  it('finds the instant of a wall-clock time, on both sides of a DST change', () => {
    expect(madrid.instantOf({ year: 2024, month: 3, day: 30, hour: 12, minute: 0, second: 0 }).toISOString()).toBe(
      '2024-03-30T11:00:00.000Z',
    );
    expect(madrid.instantOf({ year: 2024, month: 3, day: 31, hour: 12, minute: 0, second: 0 }).toISOString()).toBe(
      '2024-03-31T10:00:00.000Z',
    );
  });

  it('writes ISO-8601 with the offset', () => {
    expect(madrid.toIso(new Date('2024-03-15T16:00:00Z'))).toBe('2024-03-15T17:00:00+01:00');
    expect(new ZonedClock('UTC').toIso(new Date('2024-03-15T16:00:05.900Z'))).toBe('2024-03-15T16:00:05+00:00');
    expect(new ZonedClock('Asia/Kolkata').toIso(new Date('2024-03-15T16:00:00Z'))).toBe('2024-03-15T21:30:00+05:30');
  });

  it('refuses an unknown timezone', () => {
    expect(() => new ZonedClock('Europe/Atlantis')).toThrowError(
      expect.objectContaining({ code: 'INVALID_DEFINITION', field: 'config.timezone' }),
    );
  });
});
