// The /v1 API as the UI calls it: the API key from sessionStorage (kept for this tab only, gone
// when it closes) on every request, and errors as ApiError carrying the server's message.

const KEY = 'interdict.apiKey';

export const apiKey = () => sessionStorage.getItem(KEY) || '';
export const setApiKey = (key) => sessionStorage.setItem(KEY, key);
export const clearApiKey = () => sessionStorage.removeItem(KEY);

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Calls `path` and returns the parsed JSON. Throws ApiError for any non-2xx answer (and for a
// network failure, status 0): a failed call is never shown as an empty result.
export async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  const key = apiKey();
  if (key) headers['Authorization'] = 'Bearer ' + key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    throw new ApiError(0, 'network', 'the server cannot be reached (' + e.message + ')');
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!res.ok) {
    const err = json && json.error;
    const message = err && typeof err === 'object' ? err.message : (typeof err === 'string' ? err : text);
    throw new ApiError(res.status, err && err.code ? err.code : 'http_' + res.status,
      message || 'HTTP ' + res.status);
  }
  if (json === null) throw new ApiError(res.status, 'bad_response', 'the server sent no JSON');
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});

// "/v1/alerts?" + query({status: ['open', 'in_review'], limit: 100}): repeated keys for arrays,
// empty values left out.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one !== undefined && one !== null && one !== '') q.append(k, String(one));
    }
  }
  return q.toString();
}
