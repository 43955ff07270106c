// Shared helpers for every page: the public API, problem+json messages, demo sign-in and the server clock.

const TOKEN_KEY = 'boxoffice.token';

/** An API call that failed; `problem` is the RFC 9457 body when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(describeProblem(status, problem, retryAfter));
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
  }
  get type() { return this.problem.type || ''; }
}

function describeProblem(status, problem, retryAfter) {
  let text = (problem && (problem.detail || problem.title)) || `The server answered ${status}.`;
  if (status === 401) text = 'Please sign in first.' + (problem && problem.detail ? ` (${problem.detail})` : '');
  if (status === 429) {
    text = retryAfter ? `Too many requests in a short time. Please wait ${retryAfter} s, then try again.`
      : 'Too many requests in a short time. Please wait a little, then try again.';
  } else if (retryAfter) {
    text += ` Try again in ${retryAfter} s.`;
  }
  return text;
}

export function session() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
    if (saved && Date.parse(saved.expiresAt) > Date.now()) return saved;
  } catch { /* ignore a corrupt entry */ }
  sessionStorage.removeItem(TOKEN_KEY);
  return null;
}

/** fetch + JSON + problem details. `auth` sends the demo token; `idempotencyKey` and `admissionToken` set their headers. */
export async function api(path, { method = 'GET', body, auth = false, idempotencyKey, admissionToken, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (admissionToken) headers['Admission-Token'] = admissionToken;
  if (auth) {
    const s = session();
    if (!s) throw new ApiError(401, { detail: 'Use “Sign in as” at the top of the page.' });
    headers.Authorization = `Bearer ${s.token}`;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { detail: 'Cannot reach the server. Check your connection and try again.' });
  }
  const text = response.status === 204 ? '' : await response.text();
  let json = null;
  if (text) { try { json = JSON.parse(text); } catch { json = null; } }
  if (!response.ok) {
    if (response.status === 401 && auth) { sessionStorage.removeItem(TOKEN_KEY); renderSignIn(); }
    throw new ApiError(response.status, json, response.headers.get('Retry-After'));
  }
  return { status: response.status, body: json, headers: response.headers };
}

/** A random UUID for Idempotency-Key; crypto.randomUUID only exists in secure contexts (https, localhost). */
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---- server clock: holds expire by the server's clock, not the visitor's ----
let clockOffset = 0;
export async function syncClock() {
  try {
    const sent = Date.now();
    const { body } = await api('/api/time');
    const received = Date.now();
    clockOffset = Date.parse(body.now) - (sent + received) / 2;
  } catch { clockOffset = 0; }
  return clockOffset;
}
export const serverNow = () => Date.now() + clockOffset;

// ---- formatting ----
export function money(cents, currency) {
  if (cents == null) return '—';
  try { return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'GBP' }).format(cents / 100); }
  catch { return `${(cents / 100).toFixed(2)} ${currency || ''}`; }
}
export const when = (iso) => iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';

const DATE_PARTS = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };

/**
 * When an event starts, on the venue's clock with its zone named ("Sat, 1 Mar 2027, 20:00 CET"): `timeZone`
 * (the venue's IANA zone; older views only have `venue.timezone`) applied to the instant `startsAt`. Without a
 * zone the visitor's own clock is used, and named too, so nobody mistakes it for local time at the venue.
 */
export function eventTime(e) {
  if (!e || !e.startsAt) return '';
  const zone = e.timeZone || (e.venue && e.venue.timezone);
  try {
    return new Date(e.startsAt).toLocaleString(undefined, zone ? { ...DATE_PARTS, timeZone: zone } : DATE_PARTS);
  } catch { // a zone this browser does not know: the venue's wall-clock time as the server gave it
    if (e.localStartsAt) return `${new Date(`${e.localStartsAt}Z`).toLocaleString(undefined, { ...DATE_PARTS, timeZone: 'UTC', timeZoneName: undefined })} (${zone})`;
    return new Date(e.startsAt).toLocaleString(undefined, DATE_PARTS);
  }
}

/** "Arena, Berlin" from the `venue` of a list item, search hit, event view or booking event. */
export function venueLine(e) {
  const v = (e && e.venue) || {};
  const name = v.name || '';
  const city = v.city || '';
  return [name, city].filter(Boolean).join(', ');
}

/** "£45.00" or "£45.00 – £90.00" from minPriceCents/maxPriceCents. */
export function priceRange(e) {
  const min = e.minPriceCents;
  const max = e.maxPriceCents;
  if (min == null) return '';
  return max == null || max === min ? money(min, e.currency) : `${money(min, e.currency)} – ${money(max, e.currency)}`;
}
export const titleCase = (s) => s ? s.charAt(0) + s.slice(1).toLowerCase() : '';

/** Escapes text for innerHTML templates. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Writes to the page's polite live region (and styles it as an error when asked). */
export function announce(message, kind = 'info') {
  const region = document.getElementById('status');
  if (!region) return;
  region.textContent = message;
  region.dataset.kind = kind;
}

// ---- "Sign in as" (demo profile only: POST /api/dev/token) ----
const listeners = new Set();
export function onSessionChange(fn) { listeners.add(fn); }

export function renderSignIn() {
  const box = document.getElementById('signin');
  if (!box) return;
  const s = session();
  if (s) {
    box.innerHTML = `<span>Signed in as <strong data-testid="signed-in-user">${esc(s.user)}</strong></span>
      <button type="button" class="link" id="signout">Sign out</button>`;
    box.querySelector('#signout').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      renderSignIn();
      listeners.forEach((fn) => fn(null));
      announce('Signed out.');
    });
  } else {
    box.innerHTML = `<form id="signin-form" class="inline">
        <label for="signin-user">Sign in as</label>
        <input id="signin-user" name="user" autocomplete="username" required maxlength="64"
               pattern="[A-Za-z0-9._@\\-]+" placeholder="e.g. ada" size="10">
        <button type="submit">Sign in</button>
      </form>`;
    box.querySelector('form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const user = e.target.user.value.trim();
      try {
        const { body } = await api('/api/dev/token', { method: 'POST', body: { user, roles: ['USER'] } });
        sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token: body.token, user: body.user, expiresAt: body.expiresAt }));
        renderSignIn();
        listeners.forEach((fn) => fn(session()));
        announce(`Signed in as ${body.user}.`);
      } catch (err) {
        announce(err.status === 404 ? 'Demo sign-in is only available when the server runs the demo profile.' : err.message, 'error');
      }
    });
  }
}
