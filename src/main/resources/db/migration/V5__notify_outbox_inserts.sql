-- Wakes the outbox relay when rows commit (NOTIFY is delivered at commit, once per transaction and
-- channel), whoever wrote them. The relay also polls, so a missed notification only delays a row.
CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();
