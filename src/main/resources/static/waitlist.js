// The waitlist on the event page: join when the event is sold out, see your place, and take an offer
// (seats held for you) before it runs out. Self-contained: event.html includes it with one script tag.
import { api, onSessionChange, session } from './api.js';

const eventId = new URLSearchParams(location.search).get('id');
const path = `/api/events/${encodeURIComponent(eventId)}/waitlist`;

const box = document.createElement('section');
box.id = 'waitlist';
box.className = 'panel';
box.hidden = true; // until refresh() knows whether the event is sold out
box.setAttribute('aria-labelledby', 'waitlist-title');
box.innerHTML = `<h2 id="waitlist-title">Waitlist</h2><div id="waitlist-body"></div>
  <p id="waitlist-status" class="status" aria-live="polite"></p>`;
(document.querySelector('main') || document.body).appendChild(box);
const body = box.querySelector('#waitlist-body');
const status = box.querySelector('#waitlist-status');

function say(text) { status.textContent = text; }

function renderJoin() {
  body.innerHTML = `<p class="meta">This event is sold out. Wait in line: when seats come back they are held for you and we mail you.</p>
    <label>Seats <input id="waitlist-seats" type="number" min="1" max="10" value="1"></label>
    <button type="button" id="waitlist-join">Join the waitlist</button>`;
  body.querySelector('#waitlist-join').addEventListener('click', async () => {
    try {
      const seats = Number(body.querySelector('#waitlist-seats').value);
      const { body: entry } = await api(path, { method: 'POST', auth: true, body: { seats } });
      render(entry);
      say(`You are number ${entry.position} in line.`);
    } catch (err) { say(err.message); }
  });
}

function render(entry) {
  if (!entry) { renderJoin(); return; }
  if (entry.status === 'OFFERED' && entry.offer) {
    const until = new Date(entry.offer.expiresAt).toLocaleTimeString();
    body.innerHTML = `<p id="waitlist-offer"><strong>${entry.offer.seatIds.length} seat(s) are held for you until ${until}.</strong></p>
      <button type="button" id="waitlist-take">Check out these seats</button>
      <button type="button" id="waitlist-leave" class="secondary">Leave the waitlist</button>`;
    body.querySelector('#waitlist-take').addEventListener('click', () => take(entry.offer.holdId));
  } else {
    body.innerHTML = `<p id="waitlist-place">You are on the waitlist for ${entry.seats} seat(s): number ${entry.position} in line.</p>
      <button type="button" id="waitlist-leave" class="secondary">Leave the waitlist</button>`;
  }
  body.querySelector('#waitlist-leave').addEventListener('click', async () => {
    try { await api(path, { method: 'DELETE', auth: true }); render(null); say('You left the waitlist.'); } catch (err) { say(err.message); }
  });
}

// Taking an offer books its hold and continues in the page's own checkout (the same one "Pay" in My bookings opens),
// so the buyer chooses how to pay and sees the countdown.
async function take(holdId) {
  try {
    const { body: booking } = await api('/api/bookings', { method: 'POST', auth: true, body: { holdId }, idempotencyKey: `waitlist-${holdId}` });
    location.assign(`event.html?id=${encodeURIComponent(eventId)}&booking=${encodeURIComponent(booking.bookingId)}`);
  } catch (err) { say(err.message); }
}

/** The panel is for sold-out events (the API refuses to join otherwise) and for buyers already in line. */
async function soldOut() {
  try {
    const { body: event } = await api(`/api/events/${encodeURIComponent(eventId)}`);
    return !event.availability || event.availability.available === 0;
  } catch (err) { return true; } // cannot tell: offer the waitlist and let the API answer
}

async function refresh() {
  if (!session()) {
    box.hidden = !(await soldOut());
    body.innerHTML = '<p class="meta">Sign in to join the waitlist: when seats come back they are held for you.</p>';
    return;
  }
  try {
    const { body: entry } = await api(`${path}/me`, { auth: true });
    box.hidden = false;
    render(entry);
  } catch (err) {
    if (err.status !== 404) { box.hidden = false; say(err.message); return; }
    box.hidden = !(await soldOut());
    render(null);
  }
}

refresh();
onSessionChange(refresh);
// An offer can arrive at any time: look again now and then while the page is open (and not while it is hidden).
setInterval(() => { if (!document.hidden && body.querySelector('#waitlist-place, #waitlist-offer')) refresh(); }, 10000);
