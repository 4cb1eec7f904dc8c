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

/**
 * The kind of page a clipping was taken from, as a label for the reader and the lists ("Forum thread"); `null` for an
 * article, the usual kind, which needs no label. Names are the core's (`PageKind`); an unknown one shows as it is.
 */
export function pageKindLabel(kind: string): string | null {
  switch (kind) {
    case 'article':
      return null;
    case 'forum':
      return 'Forum thread';
    case 'product':
      return 'Product page';
    case 'documentation':
      return 'Documentation';
    case 'listing':
      return 'Listing';
    case 'collection':
      return 'Collection';
    case 'service':
      return 'Service page';
    default:
      return kind;
  }
}
