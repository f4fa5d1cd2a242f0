/**
 * Deterministic randomness and calendar arithmetic for the demo dataset.
 *
 * Everything here is a pure function of its inputs: no Math.random, no Date.now, no time zone.
 * Days are handled as integers (days since 1970-01-01, UTC) so that the generator can do
 * millions of date operations cheaply, and converted to ISO `YYYY-MM-DD` strings only on output.
 */

/** Mixes 32-bit integers into one well-spread 32-bit seed (murmur3 finaliser over each part). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h = Math.imul(h ^ Math.imul(k, 0x1b873593), 5) + 0xe6546b64;
    h = (h << 13) | (h >>> 19);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a label, so that independent streams can be named ('organisations', 'offers'…). */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX = '0123456789abcdef';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * sfc32 (Chris Doty-Humphrey's small fast counter generator): 128 bits of state, passes
 * PractRand, and is a handful of integer operations per draw.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mixSeed(seed, 1);
    this.b = mixSeed(seed, 2);
    this.c = mixSeed(seed, 3);
    this.d = 1;
    // Discard the first outputs: they are still correlated with the seed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent generator derived from this one's seed space and a label. */
  static derive(seed: number, label: string, index = 0): Random {
    return new Random(mixSeed(seed, hashLabel(label), index));
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): empty range`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick(): empty array');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a value with probability proportional to its weight; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const entry of entries) total += entry[1];
    if (!(total > 0)) throw new RangeError('weighted(): no positive weight');
    let r = this.next() * total;
    for (const entry of entries) {
      r -= entry[1];
      if (r < 0) return entry[0];
    }
    return entries[entries.length - 1][0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = copy[i];
      copy[i] = copy[j];
      copy[j] = tmp;
    }
    return copy;
  }

  /** `count` distinct items, in random order (partial Fisher–Yates). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i];
      copy[i] = copy[j];
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }

  letters(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += UPPER[Math.floor(this.next() * 26)];
    return out;
  }

  /** A uuid with the version-4 layout (version nibble 4, RFC 4122 variant), drawn from this stream. */
  uuid(): string {
    let hex = '';
    for (let i = 0; i < 4; i++) {
      const word = this.uint32();
      for (let shift = 28; shift >= 0; shift -= 4) hex += HEX[(word >>> shift) & 0xf];
    }
    const variant = HEX[8 + (parseInt(hex[16], 16) & 0x3)];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar. Day numbers count days since 1970-01-01 (proleptic Gregorian, UTC); the conversions
// are Howard Hinnant's civil-calendar algorithms, exact for any year.

/** Day number of a calendar date; month 1-12. Out-of-range days roll over (Feb 29 → Mar 1). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1-12, day 1-31] of a day number. */
export function civilFromDay(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of an ISO `YYYY-MM-DD` string; throws on anything else or on an impossible date. */
export function dayNumber(iso: string): number {
  const match = ISO_DAY.exec(iso);
  if (!match) throw new RangeError(`not an ISO day: ${iso}`);
  const day = dayFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  if (isoDay(day) !== iso) throw new RangeError(`impossible date: ${iso}`);
  return day;
}

// Dates repeat across hundreds of thousands of records: sharing one string per day saves
// both time and memory.
const isoCache = new Map<number, string>();

/** ISO `YYYY-MM-DD` string of a day number. */
export function isoDay(dayNumber: number): string {
  let iso = isoCache.get(dayNumber);
  if (iso === undefined) {
    const [y, m, d] = civilFromDay(dayNumber);
    iso = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
    isoCache.set(dayNumber, iso);
  }
  return iso;
}

/** Full ISO 8601 instant (UTC) at `minuteOfDay` minutes after midnight of a day. */
export function isoInstant(dayNumber: number, minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${isoDay(dayNumber)}T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:00.000Z`;
}

export function isValidIsoDay(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(iso: string, days: number): string {
  return isoDay(dayNumber(iso) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The day itself on a weekday, otherwise the following Monday. */
export function nextWorkday(dayNumber: number): number {
  const wd = weekday(dayNumber);
  return wd === 6 ? dayNumber + 2 : wd === 0 ? dayNumber + 1 : dayNumber;
}

/** The same calendar day `years` later (Feb 29 becomes Mar 1 in common years). */
export function addYearsToDay(dayNumber: number, years: number): number {
  const [y, m, d] = civilFromDay(dayNumber);
  return dayFromCivil(y + years, m, d);
}

/** Age in completed years on a given day. */
export function ageOnDay(birthDay: number, onDay: number): number {
  const [by, bm, bd] = civilFromDay(birthDay);
  const [y, m, d] = civilFromDay(onDay);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Age in completed years on a given ISO day. */
export function ageOn(birthDate: string, on: string): number {
  return ageOnDay(dayNumber(birthDate), dayNumber(on));
}

export function minDay(a: number, b: number): number {
  return a < b ? a : b;
}

export function maxDay(a: number, b: number): number {
  return a > b ? a : b;
}
