/**
 * The typed client of the Cuttings app's local API (docs/api.md): `GET /api/v1/status`, `/folders`, `/tags`,
 * `POST /api/v1/clip` and `/open` on http://127.0.0.1:PORT, with the pairing token as a bearer token.
 *
 * Every failure is an {@link ApiError} whose `kind` says what the user can do about it; callers branch on `kind`
 * (and on `body.error` where they need the server's code), never on message text. The token is never put in an
 * error or a message.
 */

/** `GET /api/v1/status`. */
export interface Status {
  app: string;
  version: string;
  /** `app`: the window is open and can show a clipping; `serve`: `cuttings serve`, no window. */
  server: 'app' | 'serve';
  /** Whether the token sent is the current one. */
  paired: boolean;
}

/** One folder of `GET /api/v1/folders`; parents come before their children. */
export interface Folder {
  id: number;
  name: string;
  /** The full path, such as `Politics/Korea`: what `folder` takes when clipping. */
  path: string;
  parent_id: number | null;
}

/** One tag of `GET /api/v1/tags`. */
export interface Tag {
  name: string;
  count: number;
}

/** An image the browser fetched with the user's session. */
export interface ImagePayload {
  url: string;
  /** The image's bytes, base64. */
  data: string;
}

/** The body of `POST /api/v1/clip`. */
export interface ClipRequest {
  url: string;
  html?: string;
  title?: string;
  selection_html?: string;
  folder?: string;
  tags?: string[];
  note?: string;
  force?: boolean;
  images?: ImagePayload[];
}

/** `201 Created` from `POST /api/v1/clip`. */
export interface Clipped {
  id: number;
  title: string;
  kind: string;
  low_confidence: boolean;
}

/** Every refusal's JSON body; the duplicate fields come with `409`. */
export interface ErrorBody {
  error: string;
  message: string;
  field?: string;
  existing_id?: number;
  existing_title?: string;
}

/** What went wrong, as far as the user is concerned. */
export type ApiErrorKind =
  /** Nothing answered on the port (or it did not answer in time): the app is not running. */
  | 'not_running'
  /** Something answered on the port, but it is not Cuttings. */
  | 'not_cuttings'
  /** 401: no token, or not the current one. */
  | 'unauthorized'
  /** 409: the address is already in the library (`existing_id`, `existing_title`). */
  | 'duplicate'
  /** 422: the page could not be made into a clipping; `message` says why. */
  | 'unprocessable'
  /** 503 from `open`: `cuttings serve` has no window to show the clipping in. */
  | 'no_window'
  /** Any other refusal (400, 403, 404, 413, 5xx); `message` is the server's. */
  | 'refused';

/** A failed request to the API. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** The HTTP status, or null when nothing answered. */
    readonly status: number | null = null,
    /** The server's JSON refusal, when it sent one. */
    readonly body: ErrorBody | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** How long to wait for the app: quick for reads, long for a clip (the app may fetch the page or its images). */
const STATUS_TIMEOUT_MS = 4_000;
const READ_TIMEOUT_MS = 10_000;
const CLIP_TIMEOUT_MS = 180_000;

/** A client for one port and token. */
export class CuttingsApi {
  constructor(
    readonly port: number,
    private readonly token: string | null,
  ) {}

  /** Whether Cuttings listens on the port, and whether the token is the current one. */
  async status(): Promise<Status> {
    const status = await this.request<Status>('GET', '/status', undefined, STATUS_TIMEOUT_MS);
    if (status === null || typeof status !== 'object' || status.app !== 'cuttings') {
      throw new ApiError('not_cuttings', `another program answers on port ${this.port}`);
    }
    return status;
  }

  /** Every folder, parents before their children. */
  async folders(): Promise<Folder[]> {
    const body = await this.request<{ folders: Folder[] }>('GET', '/folders', undefined, READ_TIMEOUT_MS);
    return Array.isArray(body.folders) ? body.folders : [];
  }

  /** Every tag with its number of clippings. */
  async tags(): Promise<Tag[]> {
    const body = await this.request<{ tags: Tag[] }>('GET', '/tags', undefined, READ_TIMEOUT_MS);
    return Array.isArray(body.tags) ? body.tags : [];
  }

  /** Saves a clipping. */
  clip(clip: ClipRequest): Promise<Clipped> {
    return this.request<Clipped>('POST', '/clip', clip, CLIP_TIMEOUT_MS);
  }

  /** Shows a clipping in the app's window. */
  async open(id: number): Promise<void> {
    await this.request<null>('POST', '/open', { id }, READ_TIMEOUT_MS);
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body: unknown, timeoutMs: number): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token !== null) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`http://127.0.0.1:${this.port}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ApiError('not_running', `nothing answers on port ${this.port}`);
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (response.ok) return (response.status === 204 ? null : json) as T;
    throw refusal(response.status, json, this.port);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).error === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}

function refusal(status: number, json: unknown, port: number): ApiError {
  const body = isErrorBody(json) ? json : null;
  if (body === null && status !== 401) {
    // Not Cuttings' JSON: some other program has the port.
    return new ApiError('not_cuttings', `another program answers on port ${port} (HTTP ${status})`, status);
  }
  const message = body?.message ?? 'the pairing token is not the current one';
  const kind: ApiErrorKind =
    status === 401
      ? 'unauthorized'
      : status === 409
        ? 'duplicate'
        : status === 422
          ? 'unprocessable'
          : status === 503 && body?.error === 'no_window'
            ? 'no_window'
            : 'refused';
  return new ApiError(kind, message, status, body);
}
