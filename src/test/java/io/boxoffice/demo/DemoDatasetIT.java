package io.boxoffice.demo;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DemoDatasetIT {

	@Autowired
	DemoDataset dataset;

	@Autowired
	DatabaseClient db;

	@Autowired
	WebTestClient http;

	@Test
	void loadsIntoAnEmptyCatalogOnceAndTheApiServesIt() {
		// Other integration tests leave small fixtures behind; start this one from an empty catalog.
		db.sql("TRUNCATE ticket, booking_item, booking, price_tier, event_performer, event, performer, seat, section, venue CASCADE")
			.then().block();

		assertThat(dataset.loadIfAbsent().block()).isTrue();
		assertThat(dataset.loadIfAbsent().block()).as("second call finds the data and does nothing").isFalse();

		assertThat(count("SELECT count(*) FROM event")).isEqualTo(10_000);
		assertThat(count("SELECT count(*) FROM performer")).isEqualTo(50);
		assertThat(count("SELECT count(DISTINCT city) FROM event")).isGreaterThanOrEqualTo(20);
		assertThat(count("SELECT count(DISTINCT category) FROM event")).isEqualTo(5);
		assertThat(count("SELECT count(*) FROM (SELECT venue_id FROM seat GROUP BY venue_id HAVING count(*) = 20000) arenas"))
			.isGreaterThanOrEqualTo(1);
		assertThat(count("SELECT count(*) FROM event e WHERE NOT EXISTS (SELECT 1 FROM price_tier p WHERE p.event_id = e.id)"))
			.as("events without prices").isZero();

		// Ids were given explicitly; the identity sequences must have moved past them.
		long venueId = db.sql("INSERT INTO venue (name, city, country, lat, lon, timezone) VALUES ('New', 'Oslo', 'NO', 59.9, 10.7, 'Europe/Oslo') RETURNING id")
			.map((row, meta) -> row.get("id", Long.class)).one().block();
		assertThat(venueId).isGreaterThan(count("SELECT count(*) FROM venue") - 1);

		http.get().uri("/api/events/1").exchange().expectStatus().isOk().expectBody().jsonPath("$.performers").isNotEmpty();
		http.get().uri("/api/events?size=100").exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(100);
	}

	private long count(String sql) {
		return db.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
	}
}
