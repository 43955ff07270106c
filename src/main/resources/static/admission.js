// The waiting room's admission token for an event, kept per signed-in user so that the seat map page can send it
// with its holds (header Admission-Token) after the waiting room page claimed it.
import { session } from './api.js';

const key = (eventId, user) => `boxoffice.admission.${eventId}.${user}`;

export const waitingRoomUrl = (eventId) => `queue.html?id=${encodeURIComponent(eventId)}`;

/** The signed-in user's unexpired admission token for the event, or null. */
export function admission(eventId) {
  const s = session();
  if (!s) return null;
  try {
    const saved = JSON.parse(localStorage.getItem(key(eventId, s.user)) || 'null');
    if (saved && Date.parse(saved.expiresAt) > Date.now()) return saved.token;
  } catch { /* ignore a corrupt entry */ }
  localStorage.removeItem(key(eventId, s.user));
  return null;
}

export function keepAdmission(eventId, token, expiresAt) {
  const s = session();
  if (s) localStorage.setItem(key(eventId, s.user), JSON.stringify({ token, expiresAt }));
}

export function forgetAdmission(eventId) {
  const s = session();
  if (s) localStorage.removeItem(key(eventId, s.user));
}
