// The door: POST /api/events/{id}/check-ins with a ticket's code. Signs in with a SCANNER token of its own (demo:
// POST /api/dev/token), kept apart from a buyer's session. The camera is used where the browser has BarcodeDetector.
import { esc, when } from './api.js';

const TOKEN_KEY = 'boxoffice.scanner-token';
const form = document.getElementById('scan-form');
const verdict = document.getElementById('verdict');
const status = document.getElementById('status');
const params = new URLSearchParams(location.search);
if (params.get('event')) form.event.value = params.get('event');

const MESSAGES = {
  VALID: 'Admit',
  ALREADY_USED: 'Already used',
  VOID: 'Void: this booking was cancelled',
  OTHER_EVENT: 'Wrong event',
  UNKNOWN: 'Unknown code',
};

function token() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
    if (saved && Date.parse(saved.expiresAt) > Date.now()) return saved;
  } catch { /* ignore */ }
  return null;
}

function showSignIn() {
  const t = token();
  document.getElementById('scanner-signin-form').hidden = !!t;
  document.getElementById('scanner-who').hidden = !t;
  if (t) document.querySelector('[data-testid="scanner-user"]').textContent = t.user;
}

function say(text, kind = 'info') { status.textContent = text; status.dataset.kind = kind; }

document.getElementById('scanner-signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const response = await fetch('/api/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: e.target.user.value.trim(), roles: ['SCANNER'] }) });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) { say(response.status === 404 ? 'Demo sign-in is only available in the demo profile.' : (body.detail || 'Sign-in failed'), 'error'); return; }
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token: body.token, user: body.user, expiresAt: body.expiresAt }));
  showSignIn();
  say(`Signed in as scanner ${body.user}.`);
});

function render(answer) {
  const seat = answer.seat ? `${answer.seat.section} · Row ${answer.seat.row} · Seat ${answer.seat.number}` : '';
  const first = answer.result === 'ALREADY_USED' && answer.firstCheckedInAt
    ? `First admitted ${when(answer.firstCheckedInAt)}${answer.firstGate ? ` at ${answer.firstGate}` : ''}` : '';
  const other = answer.result === 'OTHER_EVENT' ? `This ticket is for ${answer.eventName || `event ${answer.eventId}`}` : '';
  verdict.dataset.result = answer.result;
  verdict.innerHTML = `<strong data-testid="verdict-result">${esc(MESSAGES[answer.result] || answer.result)}</strong>
    ${seat ? `<span>${esc(seat)}</span><br>` : ''}${first ? `<span>${esc(first)}</span>` : ''}${other ? `<span>${esc(other)}</span>` : ''}`;
}

async function checkIn(code) {
  const t = token();
  if (!t) { say('Sign in as a scanner first (top of the page).', 'error'); return; }
  const eventId = form.event.value.trim();
  const response = await fetch(`/api/events/${encodeURIComponent(eventId)}/check-ins`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json', Authorization: `Bearer ${t.token}` },
    body: JSON.stringify({ secret: code, gate: form.gate.value.trim() || undefined }),
  }).catch(() => null);
  if (!response) { say('Cannot reach the server. Check the connection and scan again.', 'error'); return; }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    verdict.textContent = '';
    delete verdict.dataset.result;
    say(response.status === 403 ? `This scanner may not check in event ${eventId}.` : (body.detail || `The server answered ${response.status}.`), 'error');
    return;
  }
  say('');
  render(body);
  form.code.value = '';
  form.code.focus();
}

form.addEventListener('submit', (e) => { e.preventDefault(); checkIn(form.code.value.trim()); });

// Optional camera: only where the browser can read QR codes itself.
if ('BarcodeDetector' in window && navigator.mediaDevices) {
  const button = document.getElementById('camera');
  button.hidden = false;
  button.addEventListener('click', async () => {
    const video = document.getElementById('video');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      let last = '';
      const tick = async () => {
        if (video.hidden) return;
        const codes = await detector.detect(video).catch(() => []);
        if (codes.length && codes[0].rawValue !== last) { last = codes[0].rawValue; await checkIn(last); }
        setTimeout(tick, 300);
      };
      tick();
    } catch (err) {
      say(`Camera not available: ${err.message}. Type or paste the code instead.`, 'error');
    }
  });
}

showSignIn();
