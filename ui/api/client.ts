import type { FieldError } from '../../engine';

/** An RFC 9457 problem document, as the API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A refused request: the API's problem document, with its French explanation. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
}

let csrfToken = '';

/** Remembers the CSRF token of the session (given at sign-in and by /api/auth/me). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Calls the API. JSON in and out; the session cookie travels by itself and writes carry the CSRF
 * token. A refusal throws an ApiError holding the problem document.
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const problem = parsed && typeof parsed === 'object' && 'detail' in parsed
      ? (parsed as Problem)
      : { type: 'about:blank', title: response.statusText, status: response.status, detail: `Le serveur a répondu ${response.status}.` };
    throw new ApiError(response.status, problem);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal });
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body, headers });
export const put = <T>(path: string, body?: unknown) => request<T>('PUT', path, { body });

/** Uploads a file with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
    xhr.onload = () => {
      const parsed = xhr.responseText ? safeJson(xhr.responseText) : null;
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(new ApiError(xhr.status, (parsed as Problem) ?? { type: 'about:blank', title: 'Erreur', status: xhr.status, detail: `Le serveur a répondu ${xhr.status}.` }));
    };
    xhr.onerror = () => reject(new ApiError(0, { type: 'about:blank', title: 'Réseau', status: 0, detail: 'Le serveur ne répond pas : vérifiez votre connexion et réessayez.' }));
    xhr.send(form);
  });
}
