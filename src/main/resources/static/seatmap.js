// Draws a venue layout (GET /api/events/{id}/seatmap) as one SVG: one <circle class="seat"> per seat, built
// as a single string (20,000 seats paint in one pass), coloured by CSS classes for price tier and a
// data-status attribute (free | held | sold). Zoom and pan move the viewBox; one roving keyboard focus.
// On touch, a tap on seats too small to hit zooms to that section first; the next tap picks a seat.
const R = 0.42;          // seat radius in layout units (seats are 1.0 apart, rows 1.2)
const TIERS = 7;         // price colours in styles.css (.t0 … .t6, the Okabe-Ito palette)
const MIN_TAP_PX = 24;   // a seat drawn smaller than this is too small to tap reliably
const ZOOM_TAP_PX = 26;  // the seat size a tap-to-zoom aims for

export class SeatMap {
  constructor(svg, layout, { onToggle, onZoom }) {
    this.svg = svg;
    this.onToggle = onToggle;
    this.onZoom = onZoom;
    this.seats = new Map(); // id -> { id, el, section, row, number, x, y, priced, rowRef, index }
    this.focused = null;
    this.render(layout);
    this.bindPointer();
    this.bindKeys();
  }

  render(layout) {
    const priced = [...new Set(layout.sections.map((s) => s.priceCents).filter((p) => p != null))].sort((a, b) => b - a);
    this.tiers = priced.map((cents, i) => ({ cents, cls: `t${i % TIERS}` }));
    const tierOf = new Map(this.tiers.map((t) => [t.cents, t.cls]));
    const b = layout.bounds || { minX: 0, minY: 0, maxX: 100, maxY: 100 };
    let minX = b.minX - 2, minY = b.minY - 2, maxX = b.maxX + 2, maxY = b.maxY + 2;
    const parts = [];
    const st = layout.stage;
    if (st) {
      minX = Math.min(minX, st.x - 2); minY = Math.min(minY, st.y - 2);
      maxX = Math.max(maxX, st.x + st.width + 2); maxY = Math.max(maxY, st.y + st.height + 2);
      parts.push(`<g aria-hidden="true"><rect class="stage" x="${st.x}" y="${st.y}" width="${st.width}" height="${st.height}" rx="1"/>`
        + `<text class="stage-label" x="${st.x + st.width / 2}" y="${st.y + st.height / 2}">${escapeXml(st.label || 'Stage')}</text></g>`);
    }
    // Section names about 16 px high when the whole venue is in view (within limits, so that a tiny hall's labels
    // do not dwarf its seats and a vast arena's do not take the room of its seats).
    const box = this.svg.getBoundingClientRect();
    const pxPerUnit = box.width && box.height ? Math.min(box.width / (maxX - minX), box.height / (maxY - minY)) : 5;
    const label = Math.min(Math.max(16 / pxPerUnit, 0.3), 4);
    this.rows = [];
    this.sections = [];
    const labels = [];
    for (const section of layout.sections) {
      const cls = section.priceCents == null ? 'na' : tierOf.get(section.priceCents);
      parts.push(`<g class="section" data-section="${section.id}">`);
      const box = { section, minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
      for (const row of section.rows) {
        const rowRef = { section, label: row.label, seats: [] };
        this.rows.push(rowRef);
        for (const [id, number, x, y] of row.seats) {
          parts.push(`<circle class="seat ${cls}" data-seat="${id}" data-status="free" cx="${x}" cy="${y}" r="${R}"/>`);
          const seat = { id, section, row: row.label, number, x, y, priced: section.priceCents != null, rowRef, index: rowRef.seats.length };
          rowRef.seats.push(seat);
          this.seats.set(id, seat);
          box.minX = Math.min(box.minX, x); box.maxX = Math.max(box.maxX, x);
          box.minY = Math.min(box.minY, y); box.maxY = Math.max(box.maxY, y);
        }
      }
      parts.push('</g>');
      if (box.minX === Infinity) continue;
      this.sections.push(box);
      // The name sits left of the section, centred on its rows: sections stacked close together keep their labels apart.
      const lx = box.minX - R - label / 3, ly = (box.minY + box.maxY) / 2;
      labels.push(`<text class="section-label" x="${lx}" y="${ly}" font-size="${label}" stroke-width="${label * 0.18}">${escapeXml(section.name)}</text>`);
      minX = Math.min(minX, lx - section.name.length * label * 0.62 - 0.5);
    }
    parts.push(`<g aria-hidden="true" class="section-labels">${labels.join('')}</g>`);
    this.home = { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
    this.svg.innerHTML = parts.join('');
    for (const el of this.svg.querySelectorAll('circle[data-seat]')) this.seats.get(Number(el.dataset.seat)).el = el;
    this.reset();
  }

  seat(id) { return this.seats.get(Number(id)); }

  setStatus(id, status) {
    const seat = this.seats.get(Number(id));
    if (seat && seat.el.dataset.status !== status) seat.el.dataset.status = status;
    return seat;
  }

  mark(id, cls, on) { const s = this.seats.get(Number(id)); if (s) s.el.classList.toggle(cls, on); }

  describe(seat) {
    const price = seat.priced ? '' : ', not on sale';
    const status = { free: 'available', held: 'held by someone', sold: 'sold' }[seat.el.dataset.status] || seat.el.dataset.status;
    const chosen = seat.el.classList.contains('selected') ? ', selected' : seat.el.classList.contains('mine') ? ', held by you' : '';
    return `${seat.section.name}, row ${seat.row}, seat ${seat.number}: ${status}${price}${chosen}`;
  }

  // ---- zoom and pan through the viewBox ----
  clampWidth(w) { return Math.min(Math.max(w, 6), this.home.w * 2); }

  setView(x, y, w) {
    const h = w * (this.home.h / this.home.w);
    this.view = { x, y, w, h };
    this.svg.setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
    // The whole venue in view: a vertical swipe scrolls the page (on a phone the map is most of the screen);
    // zoomed in, a swipe moves the map.
    this.svg.style.touchAction = w >= this.home.w ? 'pan-y' : 'none';
  }

  /** factor > 1 zooms in, keeping the layout point `anchor` (default: the centre) where it is. */
  zoom(factor, anchor) {
    const v = this.view;
    const a = anchor || { x: v.x + v.w / 2, y: v.y + v.h / 2 };
    const w = this.clampWidth(v.w / factor);
    const k = w / v.w;
    this.setView(a.x - (a.x - v.x) * k, a.y - (a.y - v.y) * k, w);
  }

  reset() { this.setView(this.home.x, this.home.y, this.home.w); delete this.svg.dataset.zoomedSection; }

  toLayout(clientX, clientY) {
    const p = this.svg.createSVGPoint();
    p.x = clientX; p.y = clientY;
    return p.matrixTransform(this.svg.getScreenCTM().inverse());
  }

  bindPointer() {
    const svg = this.svg;
    let drag = null;
    svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      this.zoom(e.deltaY < 0 ? 1.25 : 0.8, this.toLayout(e.clientX, e.clientY));
    }, { passive: false });
    svg.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      this.pointerType = e.pointerType;
      drag = { x: e.clientX, y: e.clientY, view: { ...this.view }, moved: false, id: e.pointerId };
    });
    svg.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 5) return;
      if (!drag.moved) { drag.moved = true; svg.setPointerCapture(drag.id); svg.classList.add('dragging'); }
      const scale = this.view.w / svg.getBoundingClientRect().width;
      this.setView(drag.view.x - dx * scale, drag.view.y - dy * scale, drag.view.w);
    });
    const end = () => { if (drag && drag.moved) { svg.classList.remove('dragging'); this.suppressClick = true; } drag = null; };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    svg.addEventListener('click', (e) => {
      if (this.suppressClick) { this.suppressClick = false; return; }
      const el = e.target.closest('[data-seat]');
      if (this.pointerType === 'touch' && this.seatPixels() < MIN_TAP_PX) {
        const at = this.toLayout(e.clientX, e.clientY);
        this.zoomToSection(el ? this.seat(el.dataset.seat).section : this.sectionNear(at), at);
        return;
      }
      if (!el) return;
      const seat = this.seat(el.dataset.seat);
      this.focus(seat, false);
      this.onToggle(seat);
    });
  }

  /** How wide a seat is drawn now, in CSS pixels (the viewBox is fitted into the SVG box, "meet"). */
  seatPixels() {
    const box = this.svg.getBoundingClientRect();
    return 2 * R * Math.min(box.width / this.view.w, box.height / this.view.h);
  }

  sectionNear(p) {
    let best = null, bestDistance = Infinity;
    for (const b of this.sections) {
      const dx = Math.max(b.minX - p.x, 0, p.x - b.maxX), dy = Math.max(b.minY - p.y, 0, p.y - b.maxY);
      if (Math.hypot(dx, dy) < bestDistance) { best = b.section; bestDistance = Math.hypot(dx, dy); }
    }
    return best;
  }

  /** Shows the whole section if its seats are then big enough to tap, else the part of it around `at`. */
  zoomToSection(section, at) {
    const b = this.sections.find((s) => s.section === section);
    if (!b) return;
    const box = this.svg.getBoundingClientRect();
    const aspect = this.home.h / this.home.w;
    const fitWidth = Math.max(b.maxX - b.minX + 3, (b.maxY - b.minY + 3) / aspect);
    const tapWidth = (2 * R * Math.min(box.width, box.height / aspect)) / ZOOM_TAP_PX; // seats ZOOM_TAP_PX wide
    const w = this.clampWidth(Math.min(fitWidth, tapWidth));
    const h = w * aspect;
    const centre = (lo, hi, size, want) => (hi - lo + 3 <= size ? (lo + hi) / 2 : Math.min(Math.max(want, lo + size / 2 - 1.5), hi - size / 2 + 1.5));
    const cx = centre(b.minX, b.maxX, w, at ? at.x : (b.minX + b.maxX) / 2);
    const cy = centre(b.minY, b.maxY, h, at ? at.y : (b.minY + b.maxY) / 2);
    this.setView(cx - w / 2, cy - h / 2, w);
    this.svg.dataset.zoomedSection = String(section.id);
    if (this.onZoom) this.onZoom(section);
  }

  // ---- keyboard: the SVG is one tab stop; arrows move a roving focus between seats ----
  bindKeys() {
    this.svg.addEventListener('focus', () => { if (!this.focused) this.focus(this.firstAvailable(), true); });
    this.svg.addEventListener('keydown', (e) => {
      const s = this.focused;
      let target = null;
      switch (e.key) {
        case 'ArrowLeft': target = s && s.rowRef.seats[s.index - 1]; break;
        case 'ArrowRight': target = s && s.rowRef.seats[s.index + 1]; break;
        case 'ArrowUp': target = s && this.nearestInRow(s, -1); break;
        case 'ArrowDown': target = s && this.nearestInRow(s, 1); break;
        case 'Enter': case ' ': if (s) { e.preventDefault(); this.onToggle(s); this.focus(s, false); } return;
        case '+': case '=': this.zoom(1.25); e.preventDefault(); return;
        case '-': this.zoom(0.8); e.preventDefault(); return;
        case '0': this.reset(); e.preventDefault(); return;
        default: return;
      }
      e.preventDefault();
      if (target) this.focus(target, true);
    });
  }

  firstAvailable() {
    for (const s of this.seats.values()) if (s.priced && s.el.dataset.status === 'free') return s;
    return this.seats.values().next().value;
  }

  nearestInRow(seat, step) {
    const i = this.rows.indexOf(seat.rowRef) + step;
    const row = this.rows[i];
    if (!row) return null;
    let best = row.seats[0];
    for (const c of row.seats) if (Math.abs(c.x - seat.x) < Math.abs(best.x - seat.x)) best = c;
    return best;
  }

  focus(seat, scrollIntoView) {
    if (!seat) return;
    if (this.focused) this.focused.el.classList.remove('focus');
    this.focused = seat;
    seat.el.classList.add('focus');
    this.announceFocus(seat);
    if (scrollIntoView) {
      const v = this.view;
      if (seat.x < v.x || seat.x > v.x + v.w || seat.y < v.y || seat.y > v.y + v.h) {
        this.setView(seat.x - v.w / 2, seat.y - v.h / 2, v.w);
      }
    }
  }

  announceFocus(seat) {
    let live = document.getElementById('seat-focus');
    if (!live) {
      live = document.createElement('p');
      live.id = 'seat-focus';
      live.className = 'visually-hidden';
      live.setAttribute('aria-live', 'polite');
      this.svg.parentElement.after(live);
    }
    live.textContent = this.describe(seat);
  }
}

function escapeXml(s) { return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c])); }
