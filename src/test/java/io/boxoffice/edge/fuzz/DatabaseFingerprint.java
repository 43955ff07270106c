package io.boxoffice.edge.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What a refused request must leave as it was, in one query: every catalog table (counted, and the rows of the
 * edited ones hashed, so an update shows too), and the bookings, tickets and idempotency keys of the fuzzing users.
 * Outbox rows and jobs are written in the same transaction as the booking or catalog change they announce, so a
 * refused request that left one would show here; their own counts are not compared, because the relay deletes
 * outbox rows as it publishes them and sweeps of other tests' bookings add jobs at any time.
 */
public final class DatabaseFingerprint {

	private static final String QUERY = """
			SELECT
			  (SELECT count(*) FROM venue) AS venues,
			  (SELECT md5(coalesce(string_agg(v::text, '|' ORDER BY v.id), '')) FROM venue v) AS venue_rows,
			  (SELECT count(*) FROM section) AS sections,
			  (SELECT count(*) FROM seat) AS seats,
			  (SELECT coalesce(max(id), 0) FROM seat) AS last_seat,
			  (SELECT count(*) FROM performer) AS performers,
			  (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM performer p) AS performer_rows,
			  (SELECT count(*) FROM event) AS events,
			  (SELECT md5(coalesce(string_agg(e.id || ':' || e.version || ':' || e.updated_at, '|' ORDER BY e.id), '')) FROM event e) AS event_rows,
			  (SELECT count(*) FROM event_performer) AS event_performers,
			  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.event_id, t.section_id), '')) FROM price_tier t) AS price_tiers,
			  (SELECT count(*) FROM booking WHERE user_id LIKE :users) AS bookings,
			  (SELECT count(*) FROM booking_item i JOIN booking b ON b.id = i.booking_id WHERE b.user_id LIKE :users) AS booking_items,
			  (SELECT count(*) FROM ticket t JOIN booking b ON b.id = t.booking_id WHERE b.user_id LIKE :users) AS tickets,
			  (SELECT count(*) FROM idempotency_key WHERE user_id LIKE :users) AS idempotency_keys,
			  (SELECT count(*) FROM job j JOIN booking b ON j.payload::text LIKE '%' || b.id || '%' WHERE b.user_id LIKE :users) AS jobs
			""";

	private final DatabaseClient db;
	private final String usersLike;

	/** @param userPrefix the subject prefix of the fuzzing users' tokens */
	public DatabaseFingerprint(DatabaseClient db, String userPrefix) {
		this.db = db;
		this.usersLike = userPrefix + "%";
	}

	public Map<String, Object> take() {
		return db.sql(QUERY).bind("users", usersLike).fetch().one().map(row -> (Map<String, Object>) new LinkedHashMap<>(row)).block();
	}

	/** The entries that differ, as {@code name: before → after}; empty when none does. */
	public static Map<String, String> difference(Map<String, Object> before, Map<String, Object> after) {
		var changed = new LinkedHashMap<String, String>();
		before.forEach((name, value) -> {
			if (!Objects.equals(value, after.get(name))) {
				changed.put(name, value + " → " + after.get(name));
			}
		});
		return changed;
	}
}
