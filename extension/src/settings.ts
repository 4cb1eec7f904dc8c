/**
 * The extension's settings in `storage.local`: the API's port, the pairing token and the folder last clipped to.
 * The only module that reads or writes storage. The token stays in this browser profile's local storage (never in
 * sync storage, never in a log or a message shown to the user).
 */
import { ext } from './ext';

/** The port the Cuttings app and `cuttings serve` listen on unless told otherwise. */
export const DEFAULT_PORT = 41521;

/** What the extension remembers between uses. */
export interface Settings {
  /** The port of the local API on 127.0.0.1. */
  port: number;
  /** The pairing token, or null before the first pairing (or after the app replaced it). */
  token: string | null;
  /** The folder path last clipped to; "" is the Inbox. */
  lastFolder: string;
}

interface Stored {
  port?: unknown;
  token?: unknown;
  lastFolder?: unknown;
}

/** Reads the settings, with defaults for anything missing or malformed. */
export async function loadSettings(): Promise<Settings> {
  const stored: Stored = await ext.storage.local.get(['port', 'token', 'lastFolder']);
  const port = typeof stored.port === 'number' && validPort(stored.port) ? stored.port : DEFAULT_PORT;
  const token = typeof stored.token === 'string' && stored.token !== '' ? stored.token : null;
  const lastFolder = typeof stored.lastFolder === 'string' ? stored.lastFolder : '';
  return { port, token, lastFolder };
}

/** Stores the given settings, leaving the others as they are. */
export async function saveSettings(changes: Partial<Settings>): Promise<void> {
  await ext.storage.local.set(changes);
}

/** Reads a port typed by the user: a whole number from 1 to 65535, or null. */
export function parsePort(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return validPort(port) ? port : null;
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}
