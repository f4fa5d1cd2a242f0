import { addDays, isCalendarDay, latestBirthDate, parisDay } from '../calendar';
import { isHubId } from '../database/loaders';
import { invalidInput, type FieldError } from '../server/errors';
import { normaliseText, textProblem, visibleLength } from './text';

/** Days outside these years are typing errors in this field (a birth in 1900, a session in 2100). */
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2100;

/** Longest free text a field accepts unless it says otherwise: a note, not a file. */
export const DEFAULT_TEXT_LIMIT = 2000;

/**
 * Collects every invalid field of a mutation's input, then throws them together as one
 * BAD_USER_INPUT (`extensions.fieldErrors`), before anything is written. Each check returns
 * whether the value passed, so that dependent checks (date order) run only on valid values.
 *
 * @example
 * const check = new InputCheck('input');
 * check.text('programme', input.programme, { max: 120 });
 * check.dateOrder('openedOn', input.openedOn, 'closedOn', input.closedOn);
 * check.done();
 */
export class InputCheck {
  private readonly errors: FieldError[] = [];

  /** @param prefix Path of the input argument, prepended to field names (`input` → `input.startsOn`). */
  constructor(private readonly prefix: string | null = null) {}

  private path(field: string): string {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  /** Records an error on a field; returns false so that a check can `return check.fail(…)`. */
  fail(field: string, message: string): false {
    this.errors.push({ field: this.path(field), message });
    return false;
  }

  /** Whether a field already failed (dependent checks skip it). */
  failed(field: string): boolean {
    return this.errors.some((error) => error.field === this.path(field));
  }

  /**
   * Free text under the hub's text rules (platform/graphql/text.ts): no NUL, control, escape or
   * bidirectional character, no unpaired surrogate, on one line unless `multiline` (a note: line
   * breaks and tabs); between `min` (default 1) visible characters — spaces and zero-width characters
   * do not count — and `max` (default 2,000) characters once normalised to NFC. Null/undefined passes
   * unless `required`.
   */
  text(
    field: string,
    value: string | null | undefined,
    options: { min?: number; max?: number; required?: boolean; multiline?: boolean } = {},
  ): boolean {
    if (value === null || value === undefined)
      return options.required ? this.fail(field, `"${field}" is required`) : true;
    const problem = textProblem(value, { multiline: options.multiline });
    if (problem) return this.fail(field, `"${field}" ${problem}`);
    const min = options.min ?? 1;
    const max = options.max ?? DEFAULT_TEXT_LIMIT;
    const text = normaliseText(value);
    const visible = visibleLength(text);
    if (visible === 0 && text.length > 0)
      return this.fail(field, `"${field}" holds only spaces or invisible characters`);
    if (visible < min)
      return this.fail(
        field,
        min === 1 ? `"${field}" must not be empty` : `"${field}" needs at least ${min} visible characters`,
      );
    if (text.length > max)
      return this.fail(field, `"${field}" is ${text.length} characters long; at most ${max} are accepted`);
    return true;
  }

  /** A calendar day, YYYY-MM-DD, that exists (no 31 April). */
  localDate(field: string, value: string | null | undefined, options: { required?: boolean } = {}): boolean {
    if (value === null || value === undefined)
      return options.required ? this.fail(field, `"${field}" is required`) : true;
    if (!isCalendarDay(value)) {
      return this.fail(field, `"${field}" must be a day written YYYY-MM-DD, got "${value.slice(0, 20)}"`);
    }
    const year = Number(value.slice(0, 4));
    if (year < EARLIEST_YEAR || year > LATEST_YEAR)
      return this.fail(field, `"${field}" must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}, got ${value}`);
    return true;
  }

  /**
   * `later` is on or after `earlier` (days or instants); skipped when either is missing or already invalid.
   */
  dateOrder(
    earlierField: string,
    earlier: string | Date | null | undefined,
    laterField: string,
    later: string | Date | null | undefined,
  ): boolean {
    if (earlier === null || earlier === undefined || later === null || later === undefined) return true;
    if (this.failed(earlierField) || this.failed(laterField)) return true;
    const time = (value: string | Date) => (value instanceof Date ? value.getTime() : Date.parse(value));
    if (time(later) < time(earlier))
      return this.fail(
        laterField,
        `"${laterField}" (${String(show(later))}) must not be before "${earlierField}" (${String(show(earlier))})`,
      );
    return true;
  }

  /**
   * A day (or instant, on its Paris day) about a person that is not before they were born; `born` is their
   * birth date, or the earliest it can be (`earliestBirthDay`). Skipped when missing or already invalid.
   */
  notBeforeBirth(field: string, value: string | Date | null | undefined, born: string): boolean {
    if (value === null || value === undefined || this.failed(field)) return true;
    const day = value instanceof Date ? parisDay(value) : value.slice(0, 10);
    if (day < born) return this.fail(field, `"${field}" (${day}) must not be before the person was born`);
    return true;
  }

  /** A whole number within bounds. */
  integer(
    field: string,
    value: number | null | undefined,
    options: { min?: number; max?: number; required?: boolean } = {},
  ): boolean {
    if (value === null || value === undefined)
      return options.required ? this.fail(field, `"${field}" is required`) : true;
    if (!Number.isInteger(value)) return this.fail(field, `"${field}" must be a whole number`);
    if (options.min !== undefined && value < options.min)
      return this.fail(field, `"${field}" must be at least ${options.min}, got ${value}`);
    if (options.max !== undefined && value > options.max)
      return this.fail(field, `"${field}" must be at most ${options.max}, got ${value}`);
    return true;
  }

  /** The hub's pseudonymous id (a UUID). */
  hubId(field: string, value: string | null | undefined): boolean {
    if (value === null || value === undefined) return this.fail(field, `"${field}" is required`);
    if (!isHubId(value)) return this.fail(field, `"${value.slice(0, 40)}" is not a hub id (a UUID)`);
    return true;
  }

  /** Throws every error collected so far, if any. */
  done(): void {
    if (this.errors.length > 0) throw invalidInput([...this.errors]);
  }
}

/**
 * The earliest day on which someone `age` years old on `today` can have been born: the day after the same
 * day `age + 1` years back. What a partner knows of a birth is psad's attested age (never the birth date),
 * and this bound refuses only days that are before the birth whatever it was.
 */
export function earliestBirthDay(age: number, today: string): string {
  return addDays(latestBirthDate(age + 1, today), 1);
}

function show(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}
