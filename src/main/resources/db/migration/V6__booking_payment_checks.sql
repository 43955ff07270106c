-- When the reconciler last found a booking's payment where its status says it should be (captured for a
-- CONFIRMED booking; voided or refunded for one that ended). NULL: not checked since the last change, so
-- the reconciler asks Stripe about it once the booking's own jobs have had time to run.
ALTER TABLE booking ADD COLUMN payment_checked_at timestamptz;
CREATE INDEX booking_payment_unchecked_idx ON booking (updated_at)
    WHERE payment_checked_at IS NULL AND payment_intent_id IS NOT NULL AND status <> 'PENDING';
