// "My bookings": GET /api/bookings for the signed-in user, newest first, a page at a time. Each booking names its
// event, when (on the venue's clock), where and which seats. A PENDING one can be paid (on the event page) or
// released; a CONFIRMED one can be cancelled (refunded).
import { api, announce, renderSignIn, onSessionChange, session, esc, money, when, eventTime, venueLine } from './api.js';

const list = document.getElementById('bookings');
const more = document.getElementById('more-bookings');
const events = new Map(); // eventId -> Promise of the event view (for bookings that do not carry their event)
const seatNames = new Map(); // eventId -> Promise of Map(seatId -> {section, row, number})
let next = null;
let shown = [];

/** The booking's event: carried by the booking, or else read from GET /api/events/{id}. */
function eventOf(b) {
  if (b.event) return Promise.resolve(b.event);
  if (!events.has(b.eventId)) {
    events.set(b.eventId, api(`/api/events/${b.eventId}`).then(({ body }) => body).catch(() => ({ id: b.eventId, name: `Event ${b.eventId}` })));
  }
  return events.get(b.eventId);
}

/** Section, row and number of each seat: carried by the booking, or else looked up in the event's seat map. */
async function seatsOf(b) {
  if (b.seats.every((s) => s.section != null)) return b.seats;
  if (!seatNames.has(b.eventId)) {
    seatNames.set(b.eventId, api(`/api/events/${b.eventId}/seatmap`).then(({ body }) => {
      const names = new Map();
      for (const section of body.sections) {
        for (const row of section.rows) for (const [id, number] of row.seats) names.set(id, { section: section.name, row: row.label, number });
      }
      return names;
    }).catch(() => new Map()));
  }
  const names = await seatNames.get(b.eventId);
  return b.seats.map((s) => ({ ...names.get(s.seatId), ...s }));
}

const seatText = (s) => (s.section != null ? `${s.section}, row ${s.row}, seat ${s.number}` : `Seat ${s.seatId}`);

async function item(b) {
  const [event, seats] = await Promise.all([eventOf(b), seatsOf(b)]);
  const actions = [];
  if (b.status === 'PENDING') {
    actions.push(`<a class="button" href="event.html?id=${encodeURIComponent(b.eventId)}&amp;booking=${encodeURIComponent(b.bookingId)}">Pay ${esc(money(b.amountCents, b.currency))}</a>`);
    actions.push(`<button type="button" class="secondary" data-release="${esc(b.bookingId)}">Release seats</button>`);
  }
  if (b.status === 'CONFIRMED') actions.push(`<a class="tickets-link" href="tickets.html?booking=${encodeURIComponent(b.bookingId)}">Tickets</a>`);
  if (b.status === 'CONFIRMED') actions.push(`<button type="button" class="secondary" data-cancel="${esc(b.bookingId)}">Cancel booking</button>`);
  const venue = venueLine(event);
  return `<li data-booking="${esc(b.bookingId)}">
    <h2><a href="event.html?id=${encodeURIComponent(b.eventId)}">${esc(event.name)}</a> <span class="badge ${esc(b.status)}">${esc(b.status)}</span></h2>
    <p class="meta"><time datetime="${esc(event.startsAt || '')}">${esc(eventTime(event))}</time>${venue ? ` · <span class="venue">${esc(venue)}</span>` : ''}</p>
    <ul class="seats-of-booking" aria-label="Seats">${seats.map((s) => `<li>${esc(seatText(s))}</li>`).join('')}</ul>
    <p class="meta">${seats.length} seat${seats.length === 1 ? '' : 's'} · ${esc(money(b.amountCents, b.currency))}
      · booked ${esc(when(b.createdAt))}${b.status === 'PENDING' && b.expiresAt ? ` · <strong>pay by ${esc(when(b.expiresAt))}</strong>` : ''}${b.confirmedAt ? ` · confirmed ${esc(when(b.confirmedAt))}` : ''}${b.cancelledAt ? ` · cancelled ${esc(when(b.cancelledAt))}` : ''}</p>
    ${b.reason ? `<p class="meta">${esc(b.reason)}</p>` : ''}
    ${b.paymentError ? `<p class="meta">Last payment attempt: ${esc(b.paymentError)}</p>` : ''}
    ${actions.length ? `<div class="actions">${actions.join('')}</div>` : ''}
  </li>`;
}

/** Lists the bookings; `keepStatus` leaves the message of the action that caused the reload in place. */
async function load({ keepStatus = false, append = false } = {}) {
  if (!session()) { list.innerHTML = ''; more.hidden = true; announce('Sign in (top of the page) to see your bookings.'); return; }
  list.setAttribute('aria-busy', 'true');
  try {
    const { body } = await api(`/api/bookings${append && next ? `?cursor=${encodeURIComponent(next)}` : ''}`, { auth: true });
    const page = Array.isArray(body) ? body : body.items; // a bare array before bookings were paged
    next = Array.isArray(body) ? null : body.next || null;
    shown = append ? shown.concat(page) : page;
    more.hidden = !next;
    if (!shown.length) { list.innerHTML = '<li>No bookings yet. <a href="index.html">Find an event</a>.</li>'; if (!keepStatus) announce(''); return; }
    list.innerHTML = (await Promise.all(shown.map(item))).join('');
    if (!keepStatus) announce('');
  } catch (err) {
    announce(err.message, 'error');
  } finally {
    list.removeAttribute('aria-busy');
  }
}

/** DELETE /api/bookings/{id}: refunds a CONFIRMED booking, releases a PENDING one. */
async function cancel(button, id, question, done) {
  if (!confirm(question)) return;
  button.disabled = true;
  try {
    await api(`/api/bookings/${encodeURIComponent(id)}`, { method: 'DELETE', auth: true });
    await load({ keepStatus: true });
    announce(done, 'ok');
    const heading = list.querySelector(`[data-booking="${CSS.escape(id)}"] h2 a`);
    if (heading) heading.focus(); // the button is gone: keep keyboard and screen-reader users on the booking
  } catch (err) {
    announce(err.message, 'error');
    button.disabled = false;
  }
}

list.addEventListener('click', (e) => {
  const refund = e.target.closest('[data-cancel]');
  if (refund) cancel(refund, refund.dataset.cancel, 'Cancel this booking? The payment is refunded.', 'Booking cancelled; your refund is on its way.');
  const release = e.target.closest('[data-release]');
  if (release) cancel(release, release.dataset.release, 'Release these seats? The booking is not paid and ends now.', 'Booking released; the seats are free for others again.');
});
more.addEventListener('click', () => load({ append: true }));

renderSignIn();
onSessionChange(() => load());
load();
