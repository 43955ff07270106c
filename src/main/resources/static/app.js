// The event list: GET /api/events (city, category, keyset "after"), with free text and dates through GET /api/search
// when the server has it; if /api/search answers 404 (no search here) or 503 (search is down for a moment) the
// text and dates filter the listed events in the browser instead.
import { api, announce, renderSignIn, esc, eventTime, venueLine, priceRange, titleCase } from './api.js';

const form = document.getElementById('filters');
const results = document.getElementById('results');
const summary = document.getElementById('summary');
const more = document.getElementById('more');

let searchAvailable = true; // until /api/search says 404
let listed = [];            // events from /api/events for the current city/category
let next = null;            // cursor of the next page (of the list or of the search)
let searching = false;      // whether the shown results (and `next`) come from /api/search
let total = null;           // the search's total; the list has none
let cursorName = 'after';   // the page parameter: 'after' until an API that knows only 'cursor' refuses it
let request = null;         // AbortController of the request in flight

function filtersFromForm() {
  const data = new FormData(form);
  return { q: data.get('q').trim(), city: data.get('city').trim(), category: data.get('category'),
    from: data.get('from'), to: data.get('to') };
}

function syncUrl(f) {
  const params = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
  history.replaceState(null, '', params.toString() ? `?${params}` : location.pathname);
}

function itemsOf(body) {
  return body.items || body.results || body.hits || body.content || body.events || [];
}

function card(e) {
  const venue = venueLine(e);
  const prices = priceRange(e);
  return `<li>
    <a href="event.html?id=${encodeURIComponent(e.id)}">${esc(e.name)}</a>
    <p class="meta"><time datetime="${esc(e.startsAt)}">${esc(eventTime(e))}</time> · ${esc(titleCase(e.category))}</p>
    ${venue ? `<p class="meta venue">${esc(venue)}</p>` : ''}
    ${prices ? `<p class="price">From ${esc(prices)}</p>` : ''}
  </li>`;
}

/** The count line: the search knows its total; the plain list only knows what it has shown and whether there is more. */
function show(items, { append = false } = {}) {
  const html = items.map(card).join('');
  if (append) results.insertAdjacentHTML('beforeend', html); else results.innerHTML = html;
  const shown = results.children.length;
  const plural = (n) => `${n} event${n === 1 ? '' : 's'}`;
  if (shown === 0) summary.textContent = 'No events match.';
  else if (total != null) summary.textContent = total > shown ? `${plural(total)}, showing ${shown}.` : `${plural(total)}.`;
  else summary.textContent = next ? `Showing the first ${plural(shown)}.` : `${plural(shown)}.`;
  more.hidden = !next;
}

function matches(e, f) {
  const words = (f.q || '').toLowerCase().split(/\s+/).filter(Boolean);
  const text = [e.name, venueLine(e), e.category].join(' ').toLowerCase();
  const day = (e.localStartsAt || e.startsAt || '').slice(0, 10); // the venue's day where known, as the search reads it
  return words.every((w) => text.includes(w)) && (!f.from || day >= f.from) && (!f.to || day <= f.to);
}

/** GET with the page cursor; an API that refuses the older parameter name 'after' is asked again with 'cursor'. */
async function page(path, params, append) {
  if (append && next) params.set(cursorName, next);
  try {
    return (await api(`${path}?${params}`, { signal: request.signal })).body;
  } catch (err) {
    const unknown = err.problem && (err.problem.unknownParameters || [err.problem.parameter]);
    if (err.status !== 400 || cursorName !== 'after' || !unknown || !unknown.includes('after')) throw err;
    cursorName = 'cursor';
    params.delete('after');
    return page(path, params, append);
  }
}

async function loadList(f, append) {
  const params = new URLSearchParams({ size: '24' });
  if (f.city) params.set('city', f.city);
  if (f.category) params.set('category', f.category);
  const body = await page('/api/events', params, append);
  listed = append ? listed.concat(body.items) : body.items;
  next = body.next || null;
  total = null;
}

async function run({ append = false } = {}) {
  const f = filtersFromForm();
  syncUrl(f);
  if (request) request.abort();
  request = new AbortController();
  if (!append) next = null;
  results.setAttribute('aria-busy', 'true');
  more.disabled = true;
  try {
    let notice = '';
    if ((f.q || f.from || f.to) && searchAvailable && (!append || searching)) {
      const params = new URLSearchParams({ size: '24' });
      for (const name of ['q', 'city', 'category', 'from', 'to']) if (f[name]) params.set(name, f[name]);
      try {
        const body = await page('/api/search', params, append);
        searching = true;
        next = body.next || null;
        total = body.total ?? null;
        show(itemsOf(body), { append });
        announce('');
        return;
      } catch (err) {
        if (err.status === 404) searchAvailable = false; // no search service on this server: filter the list here
        else if (err.status === 503) notice = 'Search is busy right now; showing matching upcoming events instead.';
        else throw err;
        if (append) { append = false; next = null; } // the search's cursor means nothing to the list
      }
    }
    searching = false;
    const before = listed.length;
    await loadList(f, append);
    const filtered = f.q || f.from || f.to;
    const fresh = append ? listed.slice(before) : listed;
    show(filtered ? fresh.filter((e) => matches(e, f)) : fresh, { append });
    announce(notice);
  } catch (err) {
    if (err.name !== 'AbortError') announce(err.message, 'error');
  } finally {
    results.removeAttribute('aria-busy');
    more.disabled = false;
  }
}

let debounce;
form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
form.q.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(run, 250); });
form.category.addEventListener('change', () => run());
form.city.addEventListener('change', () => run());
form.from.addEventListener('change', () => run());
form.to.addEventListener('change', () => run());
more.addEventListener('click', () => run({ append: true }));

const initial = new URLSearchParams(location.search);
for (const name of ['q', 'city', 'category', 'from', 'to']) if (initial.get(name)) form[name].value = initial.get(name);
renderSignIn();
run();
