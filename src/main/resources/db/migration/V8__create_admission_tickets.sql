-- What a buyer shows at the door: one admission ticket per seat of a confirmed booking, issued in the
-- transaction that confirms it. Unlike the sold-seat row in `ticket` (deleted when a booking is cancelled so
-- the seat can be sold again), an admission ticket stays, VOID, so a scanner can say why it no longer admits.
-- The secret is stored as issued: the owner's page shows it (as text and as a QR code) whenever they look, so a
-- one-way hash would not do, and whoever can read this table could also write checked_in_at (docs/tickets.md).
CREATE TABLE admission_ticket (
    id              uuid PRIMARY KEY,
    secret          text        NOT NULL UNIQUE,
    booking_id      uuid        NOT NULL REFERENCES booking (id),
    event_id        bigint      NOT NULL REFERENCES event (id),
    seat_id         bigint      NOT NULL REFERENCES seat (id),
    status          text        NOT NULL DEFAULT 'VALID' CHECK (status IN ('VALID', 'VOID')),
    issued_at       timestamptz NOT NULL,
    voided_at       timestamptz,
    -- The first (and only) admission: set once by a conditional UPDATE, never cleared.
    checked_in_at   timestamptz,
    checked_in_gate text,
    UNIQUE (booking_id, seat_id),
    CHECK ((status = 'VOID') = (voided_at IS NOT NULL))
);
-- At most one ticket admits to a seat: a resold seat's old ticket is VOID first.
CREATE UNIQUE INDEX admission_ticket_valid_seat_idx ON admission_ticket (event_id, seat_id) WHERE status = 'VALID';
