package io.boxoffice.holds;

import io.boxoffice.support.MutableClock;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;

/**
 * A hold trusts its remembered view of the event's catalog (sale window, sellable seats) for
 * {@code event-cache-ttl} (1 minute); after that it reads the event's row again, and its seats only when the
 * event's version changed. Every catalog write bumps the version; the statements below change rows directly to
 * show which read sees what.
 */
@HoldsIntegrationTest
class CatalogCacheIT {

	private static final Duration PAST_THE_TTL = Duration.ofMinutes(1).plusSeconds(1);

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	MutableClock clock;

	TestEvent event;
	long backSeat;

	@BeforeEach
	void setUp() {
		event = new CatalogFixtures(db).event("Cached", CatalogFixtures.unique("Cachetown"), Category.CONCERT,
				clock.instant().plus(5, ChronoUnit.DAYS));
		backSeat = event.seatIds().stream().filter(seat -> !event.frontSeatIds().contains(seat)).findFirst().orElseThrow();
	}

	@AfterEach
	void putTheClockBack() {
		clock.reset();
	}

	@Test
	void newlyPricedSeatsAreSellableOnceTheEntryIsOlderThanTheTtlAndTheVersionChanged() {
		hold(backSeat).expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("/problems/unknown-seats");

		sql("INSERT INTO price_tier (event_id, section_id, price_cents, currency) VALUES (:event, " + event.backSectionId() + ", 2500, 'GBP')");
		hold(backSeat).expectStatus().isBadRequest(); // within the TTL: the remembered seats

		clock.advance(PAST_THE_TTL);
		hold(backSeat).expectStatus().isBadRequest(); // same version: the seats are not read again

		sql("UPDATE event SET version = version + 1 WHERE id = :event");
		clock.advance(PAST_THE_TTL);
		hold(backSeat).expectStatus().isCreated();
	}

	@Test
	void theSaleWindowIsReadAgainAfterTheTtlEvenAtTheSameVersion() {
		hold(event.frontSeatIds().get(0)).expectStatus().isCreated();

		sql("UPDATE event SET on_sale_at = now() + interval '1 day' WHERE id = :event");
		clock.advance(PAST_THE_TTL);
		hold(event.frontSeatIds().get(1)).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/event-not-on-sale");
	}

	private void sql(String statement) {
		db.sql(statement).bind("event", event.id()).then().block();
	}

	private WebTestClient.ResponseSpec hold(long seat) {
		// A fresh token each time: one issued before the clock moved would have expired.
		return http.post().uri("/api/holds")
			.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("cache-" + event.id())))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("eventId", event.id(), "seatIds", List.of(seat)))
			.exchange();
	}
}
