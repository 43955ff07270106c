// The event page: details, the seat map with live availability, holding seats, and checkout.
import { api, ApiError, uuid, announce, renderSignIn, onSessionChange, session, syncClock, serverNow, esc, money, when, eventTime, titleCase } from './api.js';
import { SeatMap } from './seatmap.js';
import { watchAvailability } from './live.js';
import { admission, forgetAdmission, waitingRoomUrl } from './admission.js';

const MAX_SEATS = 10;
const TEST_CARDS = [
  ['pm_card_visa', 'Visa — succeeds'],
  ['pm_card_chargeDeclined', 'Card declined'],
  ['pm_card_threeDSecure2Required', '3-D Secure required'],
];

const query = new URLSearchParams(location.search);
const eventId = query.get('id');
const resumeBookingId = query.get('booking'); // "Pay" from My bookings: resume the payment of this PENDING booking
const basket = document.getElementById('basket');
const liveLabel = document.getElementById('live');
const svg = document.getElementById('seatmap');

let details = null;
let map = null;
let live = null;
const selected = new Set();            // seat ids chosen but not yet held
let hold = null;                       // { holdId, seats, expiresAt }
let booking = null;                    // the booking view from the API
let phase = 'select';                  // select | held | checkout | auth | confirmed
let busy = false;
let timer = null;
let authPoll = null;
let paymentError = '';                // why the last payment attempt failed (shown by the card form)
let warned = false;
let retryAt = 0;                       // after a 429: no new hold before this (Date.now() ms)
let retryTimer = null;

const cartKey = () => `boxoffice.cart.${eventId}`;
function saveCart() {
  const s = session();
  if (hold || booking) sessionStorage.setItem(cartKey(), JSON.stringify({ user: s && s.user, hold, booking, phase }));
  else sessionStorage.removeItem(cartKey());
}

// ---------------------------------------------------------------- loading
async function start() {
  renderSignIn();
  onSessionChange(() => { resetToSelect(); render(); restoreCart(); });
  if (!eventId) { fail('No event given. Pick one from the list of events.'); return; }
  if (matchMedia('(pointer: coarse)').matches || navigator.maxTouchPoints > 0) { // a touch screen: instructions for fingers
    document.getElementById('map-help').hidden = true;
    document.getElementById('map-help-touch').hidden = false;
    svg.setAttribute('aria-describedby', 'map-help-touch');
  }
  if (resumeBookingId) resumeFromMyBookings(resumeBookingId);
  syncClock();
  try {
    details = (await api(`/api/events/${encodeURIComponent(eventId)}`)).body;
  } catch (err) { fail(err.message); return; }
  showDetails();
  // A queued sale: buyers without an admission (and no hold or booking under way) go to the waiting room first.
  if (details.queueMode && details.queueMode !== 'OFF' && !admission(eventId) && !sessionStorage.getItem(cartKey())) {
    location.replace(waitingRoomUrl(eventId));
    return;
  }
  try {
    const t0 = performance.now();
    const layout = (await api(`/api/events/${encodeURIComponent(eventId)}/seatmap?v=${details.version}`)).body;
    const t1 = performance.now();
    performance.mark('seatmap-fetched');
    map = new SeatMap(svg, layout, { onToggle: toggle, onZoom: (section) => announce(`${section.name}: tap a seat to choose it.`) });
    performance.mark('seatmap-rendered');
    svg.dataset.fetchMs = String(Math.round(t1 - t0));
    svg.dataset.buildMs = String(Math.round(performance.now() - t1));
    requestAnimationFrame(() => requestAnimationFrame(() => {
      performance.mark('seatmap-painted');
      svg.dataset.ready = 'true';
      svg.dataset.seats = String(map.seats.size);
      svg.dataset.paintMs = String(Math.round(performance.now() - t0));
    }));
    showLegend();
  } catch (err) { fail(err.message); return; }
  live = watchAvailability(eventId, { onState: applyState, onChanges: applyChanges, onMode: showMode });
  document.getElementById('zoom-in').addEventListener('click', () => map.zoom(1.5));
  document.getElementById('zoom-out').addEventListener('click', () => map.zoom(1 / 1.5));
  document.getElementById('zoom-reset').addEventListener('click', () => map.reset());
  await restoreCart();
  render();
}

function fail(message) {
  document.getElementById('event-name').textContent = 'Event unavailable';
  announce(message, 'error');
}

function showDetails() {
  const d = details;
  document.title = `${d.name} — Boxoffice`;
  document.getElementById('event-name').textContent = d.name;
  const performers = (d.performers || []).map((p) => p.name).join(', ');
  const a = d.availability || {};
  document.getElementById('event-meta').innerHTML = [
    `<time datetime="${esc(d.startsAt)}">${esc(eventTime(d))}</time>`,
    esc(titleCase(d.category)),
    d.venue ? `${esc(d.venue.name)}, ${esc(d.venue.city)}` : '',
    performers ? `With ${esc(performers)}` : '',
    a.capacity != null ? `<span id="avail-count">${a.available}</span> of ${a.capacity} seats available` : '',
    d.onSale ? '' : `<strong>On sale from ${esc(when(d.onSaleAt))}</strong>`,
  ].filter(Boolean).join(' · ');
  document.getElementById('event-description').textContent = d.description || '';
}

function showLegend() {
  const swatch = (cls, status) => `<svg width="16" height="16" viewBox="-0.5 -0.5 1 1" aria-hidden="true"><circle class="seat ${cls}" ${status ? `data-status="${status}"` : ''} r="0.42"/></svg>`;
  const currency = details.priceTiers && details.priceTiers[0] && details.priceTiers[0].currency;
  const tiers = map.tiers.map((t) => `<li>${swatch(t.cls)}${esc(money(t.cents, currency))}</li>`).join('');
  document.getElementById('legend').innerHTML = tiers
    + `<li>${swatch('t0 selected')}Your choice</li><li>${swatch('t0 mine')}Held for you</li>`
    + `<li>${swatch('t0', 'held')}Held (ring)</li><li>${swatch('t0', 'sold')}Sold (dot)</li><li>${swatch('na')}Not on sale</li>`;
}

function showMode(mode) {
  liveLabel.dataset.mode = mode;
  liveLabel.textContent = { live: '● live', polling: '● updating every ½ s', connecting: 'connecting…', offline: 'reconnecting…' }[mode] || '';
}

// ---------------------------------------------------------------- live availability
let known = new Map(); // seatId -> 'held' | 'sold' (everything else is free)

// Changes are written to the SVG as they arrive: the browser draws them once per frame anyway. Redrawing at most
// every 100 ms instead made no measurable difference in paired runs at ~190 changes/s on the 20,000-seat map
// (BrowserIT.measuresResponsiveness…): script, style and layout are a small part of the renderer's busy time.
function applyState({ held, sold }) {
  const next = new Map();
  for (const id of held) next.set(id, 'held');
  for (const id of sold) next.set(id, 'sold');
  for (const id of known.keys()) if (!next.has(id)) map.setStatus(id, 'free');
  for (const [id, status] of next) map.setStatus(id, status);
  known = next;
  showCount();
  dropTakenSelections();
}

function showCount() {
  const el = document.getElementById('avail-count');
  if (el && details.availability) el.textContent = String(Math.max(0, details.availability.capacity - known.size));
}

function applyChanges(version, changes) {
  for (const { seatId, status } of changes) {
    if (status === 'free') known.delete(seatId); else known.set(seatId, status);
    map.setStatus(seatId, status);
  }
  showCount();
  dropTakenSelections();
}

function dropTakenSelections() {
  const gone = [...selected].filter((id) => known.has(id));
  if (!gone.length) return;
  gone.forEach((id) => { selected.delete(id); map.mark(id, 'selected', false); });
  announce(`Sorry: ${takenSeats(gone)} just taken by someone else.${selected.size ? ' Your other seats are still chosen.' : ''}`, 'error');
  render();
}

/** "Front, row A, seat 2 was" / "Front, row A, seats 2 and 3 were" — for messages about seats someone else got. */
function takenSeats(ids) {
  const names = ids.map((id) => { const s = map.seat(id); return s ? `${s.section.name}, row ${s.row}, seat ${s.number}` : `seat ${id}`; });
  if (names.length === 1) return `${names[0]} was`;
  return `${names.slice(0, -1).join('; ')} and ${names[names.length - 1]} were`;
}

// ---------------------------------------------------------------- selecting
function toggle(seat) {
  if (phase !== 'select' || busy) { announce('Release or finish your current hold to change seats.', 'error'); return; }
  if (!seat.priced) { announce(`${map.describe(seat)}.`, 'error'); return; }
  if (selected.has(seat.id)) {
    selected.delete(seat.id);
    map.mark(seat.id, 'selected', false);
  } else {
    if (seat.el.dataset.status !== 'free') { announce(`${map.describe(seat)}.`, 'error'); return; }
    if (selected.size >= MAX_SEATS) { announce(`You can choose up to ${MAX_SEATS} seats.`, 'error'); return; }
    selected.add(seat.id);
    map.mark(seat.id, 'selected', true);
  }
  announce(`${map.describe(seat)}. ${selected.size} selected.`);
  render();
}

const priceOf = (id) => { const s = map.seat(id); return s && s.section.priceCents; };
const currency = () => (details.priceTiers && details.priceTiers[0] && details.priceTiers[0].currency) || 'GBP';
const label = (id) => { const s = map.seat(id); return s ? `${s.section.name} · row ${s.row} · seat ${s.number}` : `Seat ${id}`; };

function seatList(ids) {
  const total = ids.reduce((sum, id) => sum + (priceOf(id) || 0), 0);
  return `<ul class="selection">${ids.map((id) => `<li><span>${esc(label(id))}</span><span>${esc(money(priceOf(id), currency()))}</span></li>`).join('')}</ul>
    <p><strong>Total ${esc(money(total, currency()))}</strong></p>`;
}

// ---------------------------------------------------------------- holding
async function holdSeats() {
  const seatIds = [...selected];
  await act(async () => {
    const { body } = await api('/api/holds', { method: 'POST', auth: true, body: { eventId: Number(eventId), seatIds }, idempotencyKey: uuid(),
      admissionToken: admission(eventId) });
    selected.clear();
    seatIds.forEach((id) => map.mark(id, 'selected', false));
    setHold(body);
    phase = 'held';
    announce(`${body.seats.length} seat${body.seats.length === 1 ? '' : 's'} held for you until ${new Date(Date.parse(body.expiresAt)).toLocaleTimeString()}.`, 'ok');
    live.refresh();
  }, (err) => {
    if (err.type.endsWith('/admission-required')) { forgetAdmission(eventId); location.assign(waitingRoomUrl(eventId)); return; }
    if (err.type.endsWith('/seats-unavailable')) {
      const taken = (err.problem.unavailableSeatIds || []).map(Number);
      taken.forEach((id) => { selected.delete(id); map.mark(id, 'selected', false); map.mark(id, 'taken', true); setTimeout(() => map.mark(id, 'taken', false), 4000); });
      if (taken.length) {
        announce(`Sorry: ${takenSeats(taken)} just taken by someone else, so nothing was held.`
          + (selected.size ? ` Your other ${selected.size === 1 ? 'seat is' : `${selected.size} seats are`} still chosen: hold again, or pick more.` : ' Please choose other seats.'), 'error');
      }
      live.refresh();
    }
  });
}

function setHold(h) {
  hold = { holdId: h.holdId, seats: h.seats, expiresAt: h.expiresAt };
  hold.seats.forEach((id) => map.mark(id, 'mine', true));
  warned = false;
  saveCart();
  startCountdown();
}

async function releaseHold() {
  await act(async () => {
    try { await api(`/api/holds/${encodeURIComponent(hold.holdId)}`, { method: 'DELETE', auth: true }); }
    catch (err) { if (err.status !== 404) throw err; }
    resetToSelect();
    announce('Your seats were released.', 'ok');
    live.refresh();
  });
}

function resetToSelect() {
  if (hold && map) hold.seats.forEach((id) => map.mark(id, 'mine', false));
  hold = null; booking = null; phase = 'select'; paymentError = '';
  clearInterval(timer); clearTimeout(authPoll);
  saveCart();
}

function startCountdown() {
  clearInterval(timer);
  timer = setInterval(tick, 250);
  tick();
}

function deadline() { return Date.parse(booking && booking.expiresAt ? booking.expiresAt : hold ? hold.expiresAt : 0); }

function tick() {
  const el = document.getElementById('countdown');
  if (!hold || phase === 'confirmed') { clearInterval(timer); return; }
  const left = Math.max(0, deadline() - serverNow());
  const secs = Math.ceil(left / 1000);
  if (el) {
    el.textContent = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
    el.classList.toggle('low', secs <= 60);
  }
  if (secs <= 60 && !warned) { warned = true; announce('Less than a minute left to complete your purchase.'); }
  if (left <= 0) {
    resetToSelect();
    announce('Your hold expired and the seats were released. Choose again.', 'error');
    live.refresh();
    render();
  }
}

// ---------------------------------------------------------------- checkout
async function checkout() {
  await act(async () => {
    hold.bookingKey = hold.bookingKey || uuid(); // one key per hold: a retry gets the same booking
    saveCart();
    const { body } = await api('/api/bookings', { method: 'POST', auth: true, body: { holdId: hold.holdId }, idempotencyKey: hold.bookingKey });
    booking = body;
    if (body.status === 'CONFIRMED') { confirmed(); return; } // free seats: confirmed without a payment
    phase = 'checkout';
    saveCart();
    announce(`Booking created: ${money(body.amountCents, body.currency)} to pay. Choose a test card.`);
  });
}

async function pay(paymentMethod) {
  paymentError = '';
  await act(async () => {
    const { status, body } = await api(`/api/bookings/${encodeURIComponent(booking.bookingId)}/confirm`,
      { method: 'POST', auth: true, body: { paymentMethod }, idempotencyKey: uuid() });
    booking = { ...booking, ...body };
    if (status === 202 || body.nextAction === 'REQUIRES_ACTION') {
      phase = 'auth';
      announce('Your bank wants you to confirm this payment (3-D Secure).');
      pollBooking();
    } else if (body.status === 'CONFIRMED') {
      confirmed();
    }
    saveCart();
  }, (err) => {
    if (err.status === 402) {
      paymentError = `Payment declined: ${err.problem.detail || 'the card was declined'}. Try another card.`;
      announce(paymentError, 'error');
    }
  });
}

/**
 * While 3-D Secure is open the booking is asked about every 1.5 s (and at once on "Check again"): the bank's
 * answer reaches the server as a webhook. A failed authentication leaves the booking PENDING with a
 * `paymentError`, and the card form comes back with it.
 */
function pollBooking(delay = 1500) {
  clearTimeout(authPoll);
  authPoll = setTimeout(async () => {
    if (phase !== 'auth') return;
    try {
      const { body } = await api(`/api/bookings/${encodeURIComponent(booking.bookingId)}`, { auth: true });
      booking = { ...booking, ...body };
      if (body.status === 'CONFIRMED') { confirmed(); render(); return; }
      if (body.status !== 'PENDING') {
        announce(`Payment was not completed (${body.status.toLowerCase()}${body.reason ? `: ${body.reason}` : ''}).`, 'error');
        resetToSelect(); live.refresh(); render(); return;
      }
      if (body.paymentError) {
        phase = 'checkout';
        paymentError = `Authentication failed: ${body.paymentError} Choose a card again, or release the seats.`;
        announce(paymentError, 'error');
        saveCart(); render(); return;
      }
    } catch (err) { announce(err.message, 'error'); }
    pollBooking();
  }, delay);
}

/** Gives up the payment: the PENDING booking is released (DELETE), and with it the seats. */
async function releaseBooking() {
  await act(async () => {
    try { await api(`/api/bookings/${encodeURIComponent(booking.bookingId)}`, { method: 'DELETE', auth: true }); }
    catch (err) { if (err.status !== 404 && err.status !== 409) throw err; }
    resetToSelect();
    announce('Payment cancelled and your seats were released.', 'ok');
    live.refresh();
  });
}

/** "Pay" on My bookings opens this page with ?booking=: the cart is that booking, restored like one of this tab's. */
function resumeFromMyBookings(bookingId) {
  let saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(cartKey()) || 'null'); } catch { saved = null; }
  if (saved && saved.booking && saved.booking.bookingId === bookingId) return;
  const s = session();
  sessionStorage.setItem(cartKey(), JSON.stringify({ user: s && s.user, hold: null, booking: { bookingId }, phase: 'checkout' }));
}

function confirmed() {
  phase = 'confirmed';
  clearInterval(timer);
  if (hold) hold.seats.forEach((id) => map.mark(id, 'mine', false));
  saveCart();
  announce('Payment received — your booking is confirmed.', 'ok');
  live.refresh();
}

async function restoreCart() {
  let saved;
  try { saved = JSON.parse(sessionStorage.getItem(cartKey()) || 'null'); } catch { saved = null; }
  const s = session();
  if (!saved || !s || saved.user !== s.user || !map) return;
  try {
    if (saved.booking) {
      const { body } = await api(`/api/bookings/${encodeURIComponent(saved.booking.bookingId)}`, { auth: true });
      hold = saved.hold || { holdId: null, seats: (body.seats || []).map((i) => i.seatId), expiresAt: body.expiresAt };
      booking = { ...saved.booking, ...body };
      if (hold) hold.seats.forEach((id) => map.mark(id, 'mine', body.status === 'PENDING'));
      phase = body.status === 'CONFIRMED' ? 'confirmed' : body.status === 'PENDING' ? (saved.phase === 'auth' ? 'auth' : 'checkout') : 'select';
      if (phase === 'select') resetToSelect(); else if (phase !== 'confirmed') startCountdown();
      if (phase === 'auth') pollBooking();
    } else if (saved.hold) {
      const { body } = await api(`/api/holds/${encodeURIComponent(saved.hold.holdId)}`, { auth: true });
      setHold({ ...body, bookingKey: saved.hold.bookingKey });
      hold.bookingKey = saved.hold.bookingKey;
      phase = 'held';
    }
  } catch (err) {
    resetToSelect();
  }
  render();
}

/** After a 429 the hold button counts down Retry-After instead of inviting another refused request. */
function coolDown(seconds) {
  retryAt = Date.now() + seconds * 1000;
  clearInterval(retryTimer);
  retryTimer = setInterval(() => {
    if (Date.now() >= retryAt) { clearInterval(retryTimer); retryAt = 0; }
    if (phase === 'select') render();
  }, 1000);
}

/** Runs one user action: disables the buttons meanwhile, shows any problem (detail, Retry-After). */
async function act(fn, onProblem) {
  if (busy) return;
  busy = true; render();
  try { await fn(); }
  catch (err) {
    if (!(err instanceof ApiError)) { console.error(err); announce('Something went wrong in the page. Please reload.', 'error'); }
    else {
      announce(err.message, 'error');
      if (err.status === 429) coolDown(Number(err.retryAfter) || 5);
      if (onProblem) onProblem(err);
      if (err.type.endsWith('/hold-not-found') || err.type.endsWith('/booking-not-found')) { resetToSelect(); live.refresh(); }
    }
  } finally { busy = false; render(); }
}

// ---------------------------------------------------------------- the basket panel
function render() {
  if (!details || !map) { basket.innerHTML = ''; return; }
  const signedIn = !!session();
  const dis = busy ? 'disabled' : '';
  let html = '';
  if (phase === 'select') {
    html = selected.size
      ? seatList([...selected])
      : '<p>No seats chosen yet. Pick up to 10 on the map.</p>';
    if (!details.onSale) html += `<p>Tickets go on sale ${esc(when(details.onSaleAt))}.</p>`;
    else if (!signedIn) html += '<p>Sign in (top of the page) to hold seats.</p>';
    const wait = Math.ceil((retryAt - Date.now()) / 1000);
    const holdLabel = wait > 0 ? `Try again in ${wait} s` : `Hold ${selected.size || ''} seat${selected.size === 1 ? '' : 's'}`;
    html += `<div class="actions"><button type="button" id="hold" ${!selected.size || !signedIn || !details.onSale || busy || wait > 0 ? 'disabled' : ''}>${holdLabel}</button>
      ${selected.size ? `<button type="button" id="clear" class="secondary" ${dis}>Clear</button>` : ''}</div>`;
  } else if (phase === 'confirmed') {
    html = `<div id="confirmation" role="region" aria-label="Booking confirmed">
      <p><strong>Booking confirmed.</strong> Enjoy the show!</p>
      <p class="meta">Booking <code data-testid="booking-id">${esc(booking.bookingId)}</code></p>
      ${seatList(hold ? hold.seats : (booking.seats || []).map((i) => i.seatId))}
      <p>Paid ${esc(money(booking.amountCents, booking.currency))}.</p>
      <div class="actions"><a href="my-bookings.html">See my bookings</a>
      <button type="button" id="again" class="secondary">Book more seats</button></div></div>`;
  } else {
    html = `<p>Time left to ${phase === 'held' ? 'check out' : 'pay'}: <span id="countdown" class="countdown" role="timer" aria-live="off"></span></p>`
      + seatList(hold.seats);
    if (phase === 'held') {
      html += `<div class="actions"><button type="button" id="checkout" ${dis}>Continue to payment</button>
        <button type="button" id="release" class="secondary" ${dis}>Release seats</button></div>`;
    } else if (phase === 'checkout') {
      html += `<form id="pay-form"><fieldset><legend>Test card</legend>
        ${TEST_CARDS.map(([id, text], i) => `<label><input type="radio" name="card" value="${id}" ${i === 0 ? 'checked' : ''}> ${esc(text)} <code>${id}</code></label>`).join('')}
        </fieldset>${paymentError ? `<p id="pay-error" class="status" data-kind="error">${esc(paymentError)}</p>` : ''}
        <div class="actions"><button type="submit" id="pay" ${dis}>Pay ${esc(money(booking.amountCents, booking.currency))}</button>
        <button type="button" id="cancel-payment" class="secondary" ${dis}>Cancel and release seats</button></div></form>`;
    } else if (phase === 'auth') {
      html += `<div id="authenticate" class="panel" role="region" aria-label="Confirm the payment with your bank">
        <h3>Confirm the payment with your bank</h3>
        <p>Your bank asks you to confirm this payment (3-D Secure): approve it in your banking app or on the page your
        bank opened. This page carries on by itself once the bank has answered.</p>
        <p class="meta" aria-live="polite">Waiting for your bank…</p>
        <div class="actions"><button type="button" id="check-auth" ${dis}>I have confirmed it — check now</button>
        <button type="button" id="cancel-payment" class="secondary" ${dis}>Cancel and release seats</button></div></div>`;
    }
  }
  basket.innerHTML = html;
  const on = (id, fn) => { const el = document.getElementById(id); if (el) el.addEventListener('click', fn); };
  on('hold', holdSeats);
  on('clear', () => { selected.forEach((id) => map.mark(id, 'selected', false)); selected.clear(); render(); });
  on('release', releaseHold);
  on('checkout', checkout);
  on('cancel-payment', releaseBooking);
  on('check-auth', () => pollBooking(0));
  on('again', () => { resetToSelect(); render(); });
  const payForm = document.getElementById('pay-form');
  if (payForm) payForm.addEventListener('submit', (e) => { e.preventDefault(); pay(new FormData(payForm).get('card')); });
  if (hold && phase !== 'confirmed') tick();
}

start();
