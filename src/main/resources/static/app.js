// The event list: GET /api/events (city, category, keyset "after"), with free text and dates through GET /api/search
// when the server has it; if /api/search answers 404 (no search here) or 503 (search is down for a moment) the
// text and dates filter the listed events in the browser instead.
import { api, announce, renderSignIn, esc, money, when, titleCase } from './api.js';

const form = document.getElementById('filters');
const results = document.getElementById('results');
const summary = document.getElementById('summary');
const more = document.getElementById('more');

let searchAvailable = true; // until /api/search says 404
let listed = [];            // events from /api/events for the current city/category
let next = null;            // keyset cursor of the next page
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
  const venue = e.venueName || (e.venue && e.venue.name) || '';
  const prices = e.minPriceCents != null
    ? (e.minPriceCents === e.maxPriceCents ? money(e.minPriceCents, e.currency)
      : `${money(e.minPriceCents, e.currency)} – ${money(e.maxPriceCents, e.currency)}`) : '';
  return `<li>
    <a href="event.html?id=${encodeURIComponent(e.id)}">${esc(e.name)}</a>
    <p class="meta"><time datetime="${esc(e.startsAt)}">${esc(when(e.startsAt))}</time> · ${esc(titleCase(e.category))}</p>
    <p class="meta">${esc(venue)}${venue && e.city ? ', ' : ''}${esc(e.city || '')}</p>
    ${prices ? `<p class="meta">From ${esc(prices)}</p>` : ''}
  </li>`;
}

function show(items, { append = false, total } = {}) {
  const html = items.map(card).join('');
  if (append) results.insertAdjacentHTML('beforeend', html); else results.innerHTML = html;
  const count = append ? results.children.length : items.length;
  summary.textContent = count === 0 ? 'No events match.'
    : `${total ?? count} event${(total ?? count) === 1 ? '' : 's'}${total != null && total > count ? ` (showing ${count})` : ''}.`;
}

function matches(e, f) {
  const words = (f.q || '').toLowerCase().split(/\s+/).filter(Boolean);
  const text = [e.name, e.city, e.venueName, e.category].join(' ').toLowerCase();
  const day = (e.startsAt || '').slice(0, 10); // the dates are days, as the search API reads them (UTC)
  return words.every((w) => text.includes(w)) && (!f.from || day >= f.from) && (!f.to || day <= f.to);
}

async function loadList(f, append) {
  const params = new URLSearchParams({ size: '24' });
  if (f.city) params.set('city', f.city);
  if (f.category) params.set('category', f.category);
  if (append && next) params.set('after', next);
  const { body } = await api(`/api/events?${params}`, { signal: request.signal });
  listed = append ? listed.concat(body.items) : body.items;
  next = body.next;
}

async function run({ append = false } = {}) {
  const f = filtersFromForm();
  syncUrl(f);
  if (request) request.abort();
  request = new AbortController();
  results.setAttribute('aria-busy', 'true');
  try {
    let notice = '';
    if ((f.q || f.from || f.to) && searchAvailable) {
      const params = new URLSearchParams({ size: '24' });
      for (const name of ['q', 'city', 'category', 'from', 'to']) if (f[name]) params.set(name, f[name]);
      try {
        const { body } = await api(`/api/search?${params}`, { signal: request.signal });
        more.hidden = true;
        show(itemsOf(body), { total: body.total });
        announce('');
        return;
      } catch (err) {
        if (err.status === 404) searchAvailable = false; // no search service on this server: filter the list here
        else if (err.status === 503) notice = 'Search is busy right now; showing matching upcoming events instead.';
        else throw err;
      }
    }
    await loadList(f, append);
    const filtered = f.q || f.from || f.to;
    show(filtered ? listed.filter((e) => matches(e, f)) : listed);
    more.hidden = !next;
    announce(notice);
  } catch (err) {
    if (err.name !== 'AbortError') announce(err.message, 'error');
  } finally {
    results.removeAttribute('aria-busy');
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
