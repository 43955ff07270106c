// "My bookings": GET /api/bookings for the signed-in user; a confirmed booking can be cancelled (refunded).
import { api, announce, renderSignIn, onSessionChange, session, esc, money, when } from './api.js';

const list = document.getElementById('bookings');
const eventNames = new Map();

async function eventName(id) {
  if (!eventNames.has(id)) {
    eventNames.set(id, api(`/api/events/${id}`).then(({ body }) => body.name).catch(() => `Event ${id}`));
  }
  return eventNames.get(id);
}

/** Lists the bookings; `keepStatus` leaves the message of the action that caused the reload in place. */
async function load({ keepStatus = false } = {}) {
  if (!session()) { list.innerHTML = ''; announce('Sign in (top of the page) to see your bookings.'); return; }
  list.setAttribute('aria-busy', 'true');
  try {
    const { body } = await api('/api/bookings', { auth: true });
    if (!body.length) { list.innerHTML = '<li>No bookings yet. <a href="index.html">Find an event</a>.</li>'; if (!keepStatus) announce(''); return; }
    const names = await Promise.all(body.map((b) => eventName(b.eventId)));
    list.innerHTML = body.map((b, i) => `<li data-booking="${esc(b.bookingId)}">
      <h2><a href="event.html?id=${encodeURIComponent(b.eventId)}">${esc(names[i])}</a> <span class="badge ${esc(b.status)}">${esc(b.status)}</span></h2>
      <p class="meta">${b.seats.length} seat${b.seats.length === 1 ? '' : 's'} · ${esc(money(b.amountCents, b.currency))}
        · booked ${esc(when(b.createdAt))}${b.confirmedAt ? ` · confirmed ${esc(when(b.confirmedAt))}` : ''}${b.cancelledAt ? ` · cancelled ${esc(when(b.cancelledAt))}` : ''}</p>
      ${b.reason ? `<p class="meta">${esc(b.reason)}</p>` : ''}
      ${b.status === 'CONFIRMED' ? `<a class="tickets-link" href="tickets.html?booking=${encodeURIComponent(b.bookingId)}">Tickets</a> ` : ''}
      ${b.status === 'CONFIRMED' ? `<button type="button" class="secondary" data-cancel="${esc(b.bookingId)}">Cancel booking</button>` : ''}
    </li>`).join('');
    if (!keepStatus) announce('');
  } catch (err) {
    announce(err.message, 'error');
  } finally {
    list.removeAttribute('aria-busy');
  }
}

list.addEventListener('click', async (e) => {
  const button = e.target.closest('[data-cancel]');
  if (!button) return;
  if (!confirm('Cancel this booking? The payment is refunded.')) return;
  button.disabled = true;
  try {
    await api(`/api/bookings/${encodeURIComponent(button.dataset.cancel)}`, { method: 'DELETE', auth: true });
    await load({ keepStatus: true });
    announce('Booking cancelled; your refund is on its way.', 'ok');
    const heading = list.querySelector(`[data-booking="${CSS.escape(button.dataset.cancel)}"] h2 a`);
    if (heading) heading.focus(); // the button is gone: keep keyboard and screen-reader users on the booking
  } catch (err) {
    announce(err.message, 'error');
    button.disabled = false;
  }
});

renderSignIn();
onSessionChange(() => load());
load();
