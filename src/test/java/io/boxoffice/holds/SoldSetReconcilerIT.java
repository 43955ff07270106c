package io.boxoffice.holds;

import io.boxoffice.support.MutableClock;

import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** The periodic pass puts a drifted sold set back in line with the ticket rows, both ways. */
@HoldsIntegrationTest
class SoldSetReconcilerIT {

	@Autowired
	SoldSetReconciler reconciler;

	@Autowired
	SeatHolds holds;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	MutableClock clock;

	@Test
	void aSeatSoldOnlyInRedisIsFreedAndOneSoldOnlyInPostgresIsMarkedSold() {
		var fixtures = new CatalogFixtures(db);
		TestEvent event = fixtures.event("Drift", CatalogFixtures.unique("Driftville"), Category.CONCERT,
				clock.instant().plus(5, ChronoUnit.DAYS));
		long soldInRedisOnly = event.frontSeatIds().get(0);
		long soldInPostgresOnly = event.frontSeatIds().get(1);
		long soldInBoth = event.frontSeatIds().get(2);
		fixtures.sell(event, soldInBoth);
		holds.markSold(event.id(), null, List.of(soldInRedisOnly, soldInBoth)).block(); // loads the set, then a sale no ticket row backs
		fixtures.sell(event, soldInPostgresOnly); // a sale whose mark-sold job was lost

		assertThat(reconciler.reconcileAll().block()).isGreaterThanOrEqualTo(2);

		assertThat(redis.opsForSet().members("sold:{" + event.id() + "}").collectList().block())
			.contains(Long.toString(soldInPostgresOnly), Long.toString(soldInBoth))
			.doesNotContain(Long.toString(soldInRedisOnly));
	}
}
