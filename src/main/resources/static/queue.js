// The waiting room page: joins the event's queue (or finds the place again after a reload), follows the position
// over WS /ws/queue/{ticket} (polling GET /api/queue/{ticket} with its Retry-After when the socket cannot connect),
// and on admission claims the token and goes on to the seat map.
import { api, ApiError, announce, renderSignIn, onSessionChange, session, esc, when } from './api.js';
import { keepAdmission, forgetAdmission } from './admission.js';

const eventId = new URLSearchParams(location.search).get('id');
const eventPage = `event.html?id=${encodeURIComponent(eventId)}`;
const ticketKey = () => `boxoffice.queue.${eventId}.${(session() || {}).user}`;

let ticket = null;
let socket = null;
let pollTimer = null;
let lastPosition = Infinity;
let done = false;

const $ = (id) => document.getElementById(id);

async function start() {
  renderSignIn();
  onSessionChange((s) => { stop(); if (s) enter(); else show({ state: 'Sign in to join the queue' }); });
  if (!eventId) { announce('No event given. Pick one from the list of events.', 'error'); return; }
  try {
    const { body } = await api(`/api/events/${encodeURIComponent(eventId)}`);
    $('event-name').innerHTML = `For <a href="${esc(eventPage)}">${esc(body.name)}</a>, ${esc(when(body.startsAt))}`;
  } catch (err) { announce(err.message, 'error'); return; }
  $('leave').addEventListener('click', leave);
  $('rejoin').addEventListener('click', () => { localStorage.removeItem(ticketKey()); enter(); });
  if (session()) enter(); else show({ state: 'Sign in (top of the page) to join the queue' });
}

/** The saved place if it is still ours, else a join (which answers the same place if we have one). */
async function enter() {
  done = false;
  lastPosition = Infinity;
  $('rejoin').hidden = true;
  let place = null;
  const saved = localStorage.getItem(ticketKey());
  try {
    if (saved) {
      try { place = (await api(`/api/queue/${encodeURIComponent(saved)}`, { auth: true })).body; }
      catch (err) { if (!(err instanceof ApiError) || err.status !== 404) throw err; }
    }
    if (!place) place = (await api(`/api/events/${encodeURIComponent(eventId)}/queue`, { method: 'POST', auth: true })).body;
  } catch (err) {
    if (err instanceof ApiError && err.type.endsWith('/queue-not-active')) { location.replace(eventPage); return; }
    if (err instanceof ApiError && err.type.endsWith('/queue-not-open')) {
      show({ state: `The waiting room opens at ${when(err.problem.opensAt)}` });
    }
    announce(err.message, 'error');
    return;
  }
  ticket = place.ticket;
  localStorage.setItem(ticketKey(), ticket);
  $('leave').disabled = false;
  onPlace(place);
  if (!done) follow();
}

function onPlace(place) {
  if (place.state === 'ADMITTED') { admitted(); return; }
  if (place.state === 'EXPIRED') { expired(); return; }
  show(place);
}

function show(place) {
  if (typeof place.position === 'number' && place.position < lastPosition) lastPosition = place.position;
  $('position').textContent = place.position === null && place.opensAt ? `Drawn at ${when(place.opensAt)}`
    : Number.isFinite(lastPosition) ? String(lastPosition) : '—';
  $('wait').textContent = place.estimatedWait ? range(place.estimatedWait) : '—';
  $('state').textContent = place.state === 'WAITING' ? 'Waiting' : (place.state || '—');
}

/** "about 2–5 min" from ISO-8601 durations. */
function range({ low, high }) {
  const seconds = (iso) => {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso || '');
    return m ? (Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) : 0;
  };
  const text = (s) => s < 60 ? `${Math.ceil(s)} s` : `${Math.ceil(s / 60)} min`;
  const lo = seconds(low); const hi = seconds(high);
  if (hi < 1) return 'any moment now';
  return lo === hi ? `about ${text(hi)}` : `about ${text(lo)} – ${text(hi)}`;
}

function follow() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  let ws;
  try { ws = new WebSocket(`${scheme}//${location.host}/ws/queue/${encodeURIComponent(ticket)}`); }
  catch { poll(); return; }
  socket = ws;
  ws.onmessage = (e) => {
    let msg;
    try { msg = JSON.parse(e.data); } catch { return; }
    if (msg.type === 'admitted') admitted();
    else if (msg.type === 'expired') expired();
    else if (msg.type === 'position') show({ state: 'WAITING', position: msg.position, estimatedWait: msg.estimatedWait });
    else if (msg.type === 'prequeue') show({ state: 'WAITING', position: null, opensAt: msg.opensAt, estimatedWait: msg.estimatedWait });
  };
  ws.onclose = (e) => {
    socket = null;
    if (done) return;
    if (e.code === 4404) { localStorage.removeItem(ticketKey()); enter(); return; }
    poll(); // the socket is gone: poll, which also catches an admission we missed
  };
}

async function poll() {
  if (done) return;
  let wait = 2;
  try {
    const { body, headers } = await api(`/api/queue/${encodeURIComponent(ticket)}`, { auth: true });
    onPlace(body);
    wait = Number(headers.get('Retry-After')) || 2;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) { localStorage.removeItem(ticketKey()); enter(); return; }
    announce(err.message, 'error');
  }
  if (!done) pollTimer = setTimeout(poll, wait * 1000);
}

async function admitted() {
  if (done) return;
  done = true;
  stop();
  show({ state: 'Admitted', position: 0, estimatedWait: { low: 'PT0S', high: 'PT0S' } });
  try {
    const { body } = await api(`/api/queue/${encodeURIComponent(ticket)}/claim`, { method: 'POST', auth: true });
    keepAdmission(eventId, body.admissionToken, body.expiresAt);
    announce('It is your turn! Taking you to the seat map…', 'ok');
    location.assign(eventPage);
  } catch (err) {
    if (err instanceof ApiError && err.type.endsWith('/admission-expired')) { expired(); return; }
    announce(err.message, 'error');
  }
}

function expired() {
  done = true;
  stop();
  localStorage.removeItem(ticketKey());
  forgetAdmission(eventId);
  show({ state: 'Your turn has passed' });
  $('rejoin').hidden = false;
  announce('Your turn was not used in time. You can join the queue again (at the back).', 'error');
}

async function leave() {
  if (!ticket) return;
  try { await api(`/api/queue/${encodeURIComponent(ticket)}`, { method: 'DELETE', auth: true }); }
  catch (err) { if (!(err instanceof ApiError) || err.status !== 404) { announce(err.message, 'error'); return; } }
  done = true;
  stop();
  localStorage.removeItem(ticketKey());
  forgetAdmission(eventId);
  show({ state: 'You left the queue' });
  $('leave').disabled = true;
  $('rejoin').hidden = false;
  announce('You left the queue.');
}

function stop() {
  if (socket) { const s = socket; socket = null; s.onclose = null; s.close(); }
  clearTimeout(pollTimer);
}

start();
