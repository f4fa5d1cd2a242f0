/** Dates and times as the French read them, in Paris time, whatever the browser's zone. */
const PARIS = 'Europe/Paris';

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const day = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** An instant (DateTimeISO), e.g. « 1 décembre 2026 à 10:31 ». */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A day (LocalDate, YYYY-MM-DD) with no time zone to shift it, e.g. « 1 décembre 2026 ». */
export function formatDay(localDate: string): string {
  return day.format(new Date(`${localDate}T00:00:00Z`));
}

/** Now, as the ISO instant a contact attempt records. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;
}
