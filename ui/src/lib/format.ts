// Formatting of dates and metadata for lists and the reader. Pure functions, unit-tested.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A publication or save date as "15 Dec 2016". Takes the ISO 8601 text the core stores (a date, or a date and
 * time); the calendar day written in the text is kept, without time-zone shifting. Anything else comes back as is.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso.trim());
  if (!match) return iso;
  const [, year, month, day] = match;
  const name = MONTHS[Number(month) - 1];
  if (!name) return iso;
  return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

/** The outlet to show: the site name, else the address's host without "www.". */
export function outletOf(outlet: string | null, url: string): string {
  if (outlet && outlet.trim()) return outlet.trim();
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
