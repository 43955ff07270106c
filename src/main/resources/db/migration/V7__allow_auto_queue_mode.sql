-- AUTO: everyone joins the waiting room, and a join is admitted at once while the event is under its admission
-- rate (docs/waiting-room.md, "Modes").
ALTER TABLE event DROP CONSTRAINT event_queue_mode_check;
ALTER TABLE event ADD CONSTRAINT event_queue_mode_check CHECK (queue_mode IN ('OFF', 'ON', 'AUTO'));
