package io.boxoffice.support;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The outbox relay deletes rows once Kafka has them, so a test cannot count them in {@code outbox}. This copies
 * every inserted row into {@code outbox_audit} from a trigger in the same transaction: a rolled-back write
 * leaves no audit row either, so the audit proves what the outbox received and when it committed.
 */
public final class OutboxAudit {

	private OutboxAudit() {
	}

	public static void install(DatabaseClient db) {
		db.sql("""
				CREATE TABLE IF NOT EXISTS outbox_audit (LIKE outbox);
				CREATE OR REPLACE FUNCTION outbox_audit_copy() RETURNS trigger AS $$
				BEGIN INSERT INTO outbox_audit SELECT NEW.*; RETURN NEW; END $$ LANGUAGE plpgsql;
				CREATE OR REPLACE TRIGGER outbox_audit_copy AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_audit_copy();
				""").then().block();
	}
}
