-- Changes other systems consume, committed with the change itself and relayed to Kafka.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    topic      text        NOT NULL,
    key        text        NOT NULL,
    type       text        NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Durable side effects (capture, void, refund, Redis sync) written in the transaction that needs
-- them and run after it commits, with retries.
CREATE TABLE job (
    id          bigserial PRIMARY KEY,
    kind        text        NOT NULL,
    payload     jsonb       NOT NULL,
    status      text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
    run_at      timestamptz NOT NULL DEFAULT now(),
    attempts    int         NOT NULL DEFAULT 0,
    last_error  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
CREATE INDEX job_due_idx ON job (run_at) WHERE status = 'PENDING';

-- One row per (user, Idempotency-Key): IN_FLIGHT while the first request runs, then its response.
CREATE TABLE idempotency_key (
    user_id         text        NOT NULL,
    key             text        NOT NULL,
    request_hash    text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('IN_FLIGHT', 'DONE')),
    response_status int,
    response        jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

-- Stripe events already handled; committed in the same transaction as the event's effect.
CREATE TABLE processed_webhook (
    stripe_event_id text PRIMARY KEY,
    type            text        NOT NULL,
    processed_at    timestamptz NOT NULL DEFAULT now()
);
