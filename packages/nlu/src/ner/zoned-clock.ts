/**
 * Wall-clock time in one IANA timezone, with DST: the offset at an instant, the instant of a wall-clock time, and
 * ISO-8601 strings with the zone's offset ("2024-03-15T17:00:00+01:00"). Built on Intl; no timezone database.
 */
import { ParleyError } from '@parley/domain';

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MINUTE_MS = 60_000;
const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

export class ZonedClock {
  private readonly format: Intl.DateTimeFormat;

  /** Throws ParleyError INVALID_DEFINITION (field `config.timezone`) for a name Intl does not know. */
  constructor(readonly timeZone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (cause) {
      throw new ParleyError('INVALID_DEFINITION', `config.timezone: unknown IANA timezone "${timeZone}"`, {
        field: 'config.timezone',
        cause,
      });
    }
  }

  wallTime(instant: Date): WallTime {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const get = (type: string): number => parts[type] ?? 0;
    return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
  }

  /** Minutes east of UTC at that instant (60 for Madrid in winter). */
  offsetMinutes(instant: Date): number {
    const seconds = Math.floor(instant.getTime() / 1000) * 1000;
    return Math.round((utcOf(this.wallTime(instant)) - seconds) / MINUTE_MS);
  }

  /** The instant a wall clock of this zone shows `wall`; in a DST gap, the time after it. */
  instantOf(wall: WallTime): Date {
    const asUtc = utcOf(wall);
    const guess = asUtc - this.offsetMinutes(new Date(asUtc)) * MINUTE_MS;
    return new Date(asUtc - this.offsetMinutes(new Date(guess)) * MINUTE_MS);
  }

  /** ISO-8601 to the second, with this zone's offset at that instant. */
  toIso(instant: Date): string {
    const w = this.wallTime(instant);
    const offset = this.offsetMinutes(instant);
    const sign = offset < 0 ? '-' : '+';
    return (
      `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
      `${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
    );
  }
}

function utcOf(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}
