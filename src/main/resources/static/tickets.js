// Tickets of one booking (tickets.html?booking=<id>): GET /api/bookings/{id}/tickets, each with its QR code, which
// needs the bearer token, so it is fetched and shown from a blob URL rather than linked.
import { api, announce, renderSignIn, onSessionChange, session, esc, when } from './api.js';

const list = document.getElementById('tickets');
const bookingId = new URLSearchParams(location.search).get('booking');
const blobs = [];

function eventTime(ticket) {
  try {
    return new Date(ticket.startsAt).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short', timeZone: ticket.timezone });
  } catch { return when(ticket.startsAt); }
}

async function qr(ticket) {
  const s = session();
  const response = await fetch(`/api/bookings/${encodeURIComponent(bookingId)}/tickets/${encodeURIComponent(ticket.ticketId)}/qr.svg`,
    { headers: { Authorization: `Bearer ${s.token}`, Accept: 'image/svg+xml, application/problem+json' } });
  if (!response.ok) throw new Error(`QR code not available (${response.status})`);
  const url = URL.createObjectURL(await response.blob());
  blobs.push(url);
  return url;
}

async function load() {
  blobs.splice(0).forEach((url) => URL.revokeObjectURL(url));
  if (!bookingId) { announce('No booking chosen. Open your tickets from My bookings.', 'error'); return; }
  if (!session()) { list.innerHTML = ''; announce('Sign in (top of the page) to see your tickets.'); return; }
  list.setAttribute('aria-busy', 'true');
  try {
    const { body } = await api(`/api/bookings/${encodeURIComponent(bookingId)}/tickets`, { auth: true });
    if (!body.length) { list.innerHTML = ''; announce('This booking has no tickets yet: they are issued once it is confirmed.'); return; }
    list.innerHTML = body.map((t) => `<li class="ticket" data-ticket="${esc(t.ticketId)}" data-status="${esc(t.status)}">
        <div>
          <h2>${esc(t.eventName)}</h2>
          <p class="meta">${esc(eventTime(t))} · ${esc(t.venueName)}</p>
          <p class="seat-label">${esc(t.section)} · Row ${esc(t.row)} · Seat ${esc(t.number)}</p>
          <p><span class="badge ${esc(t.status)}">${esc(t.status)}</span>${t.checkedInAt ? ` <span class="meta">admitted ${esc(when(t.checkedInAt))}${t.checkedInGate ? ` at ${esc(t.checkedInGate)}` : ''}</span>` : ''}</p>
          <p>Code: <span class="code" data-testid="ticket-code">${esc(t.secret)}</span></p>
        </div>
        <img class="qr" alt="QR code of the ticket for ${esc(t.section)}, row ${esc(t.row)}, seat ${esc(t.number)}">
      </li>`).join('');
    await Promise.all(body.map(async (t) => {
      const img = list.querySelector(`[data-ticket="${CSS.escape(t.ticketId)}"] img.qr`);
      img.src = await qr(t);
    }));
    announce('');
  } catch (err) {
    announce(err.message, 'error');
  } finally {
    list.removeAttribute('aria-busy');
  }
}

document.getElementById('print').addEventListener('click', () => window.print());
renderSignIn();
onSessionChange(() => load());
load();
