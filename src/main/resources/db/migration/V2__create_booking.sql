-- A booking is written PENDING when payment starts; its items say which seats it is for, so Postgres
-- alone knows a booking's seats even if Redis loses every hold.
CREATE TABLE booking (
    id                uuid PRIMARY KEY,
    user_id           text        NOT NULL,
    event_id          bigint      NOT NULL REFERENCES event (id),
    status            text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'RELEASED', 'EXPIRED', 'FAILED', 'CANCELLED')),
    amount_cents      bigint      NOT NULL CHECK (amount_cents >= 0),
    currency          char(3)     NOT NULL,
    payment_intent_id text UNIQUE,
    hold_id           text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz NOT NULL,
    confirmed_at      timestamptz,
    cancelled_at      timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    reason            text
);
CREATE INDEX booking_user_idx ON booking (user_id, created_at DESC);
CREATE INDEX booking_pending_expiry_idx ON booking (expires_at) WHERE status = 'PENDING';

CREATE TABLE booking_item (
    booking_id  uuid   NOT NULL REFERENCES booking (id) ON DELETE CASCADE,
    seat_id     bigint NOT NULL REFERENCES seat (id),
    price_cents int    NOT NULL CHECK (price_cents >= 0),
    PRIMARY KEY (booking_id, seat_id)
);

-- A row exists only for a sold seat. The primary key is what makes a double sale impossible,
-- whatever Redis says.
CREATE TABLE ticket (
    event_id    bigint      NOT NULL REFERENCES event (id),
    seat_id     bigint      NOT NULL REFERENCES seat (id),
    booking_id  uuid        NOT NULL REFERENCES booking (id),
    price_cents int         NOT NULL CHECK (price_cents >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, seat_id)
);
CREATE INDEX ticket_booking_idx ON ticket (booking_id);
