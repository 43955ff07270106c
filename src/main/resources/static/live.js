// Live availability of one event. Prefers WS /ws/events/{id}/availability (a snapshot, then versioned
// deltas); when the socket cannot connect it polls GET /api/events/{id}/availability every 500 ms and
// tries the socket again now and then. Callers get one stream of (version, changes) regardless.
import { api } from './api.js';

const POLL_MS = 500;
const CONNECT_TIMEOUT_MS = 3000;
const WS_RETRY_MS = 15000;

/**
 * @param eventId the event
 * @param onState called with ({version, held, sold}) for a full state, replacing what was known
 * @param onChanges called with (version, [{seatId, status}]) for deltas
 * @param onMode called with 'live' | 'polling' | 'connecting' | 'offline'
 */
export function watchAvailability(eventId, { onState, onChanges, onMode }) {
  let version = -1;
  let socket = null;
  let pollTimer = null;
  let retryTimer = null;
  let stopped = false;
  let polling = false;

  function mode(m) { onMode && onMode(m); }

  function applySnapshot(msg) {
    if (typeof msg.version === 'number' && msg.version < version) return;
    version = msg.version;
    onState({ version: msg.version, held: msg.held || [], sold: msg.sold || [] });
  }

  function connect() {
    if (stopped || (socket && socket.readyState <= 1)) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const since = version >= 0 ? `?since=${version}` : '';
    let opened = false;
    let ws;
    try { ws = new WebSocket(`${scheme}//${location.host}/ws/events/${encodeURIComponent(eventId)}/availability${since}`); }
    catch { fallBack(); return; }
    socket = ws;
    if (!polling) mode('connecting');
    const timeout = setTimeout(() => { if (!opened) ws.close(); }, CONNECT_TIMEOUT_MS);
    ws.onopen = () => { opened = true; clearTimeout(timeout); };
    ws.onmessage = (e) => {
      let msg;
      try { msg = JSON.parse(e.data); } catch { return; }
      if (msg.type === 'snapshot' || msg.type === 'delta') { stopPolling(); clearTimeout(retryTimer); mode('live'); }
      if (msg.type === 'snapshot') {
        applySnapshot(msg);
      } else if (msg.type === 'delta') {
        if (msg.version <= version) return; // already seen (a replay overlapping the snapshot)
        version = msg.version;
        onChanges(msg.version, msg.changes || []);
      }
    };
    ws.onclose = () => {
      clearTimeout(timeout);
      if (socket === ws) socket = null;
      if (stopped) return;
      if (opened) setTimeout(connect, 1000); // dropped: reconnect (with ?since) at once, poll if that fails
      else fallBack();
    };
  }

  function fallBack() {
    startPolling();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, WS_RETRY_MS);
  }

  async function poll() {
    if (stopped || !polling) return;
    try {
      const { body } = await api(`/api/events/${encodeURIComponent(eventId)}/availability`);
      if (body.version !== version) applySnapshot(body);
      mode('polling');
    } catch {
      mode('offline');
    }
    if (polling && !stopped) pollTimer = setTimeout(poll, POLL_MS);
  }

  function startPolling() {
    if (polling) return;
    polling = true;
    poll();
  }

  function stopPolling() {
    polling = false;
    clearTimeout(pollTimer);
  }

  connect();
  return {
    /** Fetch the current state now (after our own hold/release, so the page does not wait for the stream). */
    async refresh() {
      try { applySnapshot((await api(`/api/events/${encodeURIComponent(eventId)}/availability`)).body); } catch { /* the stream catches up */ }
    },
    stop() { stopped = true; stopPolling(); clearTimeout(retryTimer); if (socket) socket.close(); },
  };
}
