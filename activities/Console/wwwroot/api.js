// The operations API as the console calls it: the key (kept for this browser tab only, in sessionStorage) in
// X-Api-Key, or no key behind App Service authentication (its cookie goes with every same-origin request).
// A refusal is thrown as an ApiError carrying the API's problem+json, so the page can show its detail.

const KEY = 'integration-console.operations-key';

/** The API root, relative to this page (/api/console/ -> /api/v1/), so any route prefix works. */
const ROOT = new URL('../v1/', document.baseURI);

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(value) { if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY); },
};

/** The URL of an API path ("instances", "instances/x/history") with query parameters (empty ones left out). */
export function url(path, query = {}) {
  const u = new URL(path, ROOT);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') u.searchParams.set(name, value);
  }
  return u;
}

/** One request; JSON in and out. format 'text' or 'blob' reads the body as such. */
export async function call(path, { method = 'GET', query, body, format = 'json' } = {}) {
  const headers = { Accept: format === 'json' ? 'application/json' : '*/*' };
  const key = session.key;
  if (key) headers['X-Api-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url(path, query), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, { title: 'The API did not answer', detail: `${err.message}. Is the host running?` });
  }

  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem ?? { title: `HTTP ${response.status}`, detail: response.statusText });
  }

  if (format === 'blob') return { blob: await response.blob(), filename: fileName(response) };
  if (format === 'text') return response.text();
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** GET with query parameters. */
export const get = (path, query) => call(path, { query });

/** POST with a JSON body. */
export const post = (path, body = {}) => call(path, { method: 'POST', body });

function fileName(response) {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match ? decodeURIComponent(match[1]) : 'download';
}

/** Downloads an API answer as a file (the key travels in the header, never in a URL). */
export async function download(path, query) {
  const { blob, filename } = await call(path, { query, format: 'blob' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
