-- A hold is booked at most once: two requests with different Idempotency-Keys for one hold cannot both
-- create a booking (and a PaymentIntent).
CREATE UNIQUE INDEX booking_hold_idx ON booking (hold_id);
