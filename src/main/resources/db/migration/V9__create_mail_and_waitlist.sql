-- The buyer's e-mail address (the token's email claim), AES-GCM encrypted with boxoffice.mail.encryption-key:
-- a nonce followed by the ciphertext and its tag. Captured when they book or join a waitlist; the latest wins.
CREATE TABLE mail_address (
    user_id    text PRIMARY KEY,
    address    bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per message the SMTP server accepted, keyed by what it is about ("booking-confirmed:<booking id>"),
-- so a job that runs again does not send it again.
CREATE TABLE mail_sent (
    message_key text PRIMARY KEY,
    kind        text        NOT NULL,
    sent_at     timestamptz NOT NULL DEFAULT now()
);

-- Waitlists: first come first served by id. A user has at most one live (WAITING or OFFERED) entry per event.
CREATE TABLE waitlist_entry (
    id               bigserial PRIMARY KEY,
    event_id         bigint      NOT NULL REFERENCES event (id),
    user_id          text        NOT NULL,
    seats            int         NOT NULL CHECK (seats > 0),
    section_id       bigint      REFERENCES section (id),
    status           text        NOT NULL CHECK (status IN ('WAITING', 'OFFERED', 'CONVERTED', 'EXPIRED', 'LEFT')),
    hold_id          text,
    offered_seat_ids bigint[],
    offer_expires_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX waitlist_one_live_entry_idx ON waitlist_entry (event_id, user_id) WHERE status IN ('WAITING', 'OFFERED');
CREATE INDEX waitlist_live_idx ON waitlist_entry (event_id, id) WHERE status IN ('WAITING', 'OFFERED');
