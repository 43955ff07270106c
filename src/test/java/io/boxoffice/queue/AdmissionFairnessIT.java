package io.boxoffice.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets which place: a secure shuffle before opening, first come first served after it, no gaps, no duplicates. */
@QueueIntegrationTest
class AdmissionFairnessIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	QueueConfigs configs;

	@Autowired
	AdmissionTicker ticker;

	@LocalServerPort
	int port;

	QueueApi api;
	TestEvent event;

	@BeforeEach
	void setUp() {
		api = new QueueApi(http, tokens);
		event = new CatalogFixtures(db).event("Fair", CatalogFixtures.unique("Fairtown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
	}

	@Test
	void afterOpeningPlacesGoStrictlyInJoinOrder() {
		api.pace(event.id(), "ON", WaitingRoomIT.STILL, 1, null);
		List<Long> numbers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			numbers.add(number(api.ticket("fcfs-" + i, event.id())));
		}
		assertThat(numbers).isSorted().doesNotHaveDuplicates();
		assertThat(numbers).containsExactlyElementsOf(LongRange.from(1, 40));
	}

	@Test
	void concurrentJoinsGetUniquePlacesWithoutGaps() {
		api.pace(event.id(), "ON", WaitingRoomIT.STILL, 1, null);
		WebClient client = WebClient.create("http://localhost:" + port);
		int joiners = 150;
		List<String> tickets = Flux.range(0, joiners)
			.flatMap(i -> client.post().uri("/api/events/{id}/queue", event.id())
				.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("rush-" + i)))
				.retrieve().bodyToMono(Map.class).map(place -> (String) place.get("ticket")), 32)
			.collectList().block(Duration.ofSeconds(60));

		assertThat(tickets).hasSize(joiners).doesNotHaveDuplicates();
		assertThat(tickets.stream().map(this::number).sorted().toList()).containsExactlyElementsOf(LongRange.from(1, joiners));
	}

	/**
	 * Everyone who joins before opening is drawn at random: the rank correlation between join order and place is
	 * near zero (for 200 joiners its standard deviation under a fair shuffle is about 0.07; 0.25 is over 3.5 of them,
	 * while joining in order would give 1). Joins after opening come after all of them.
	 */
	@Test
	void preQueuedPlacesAreAShuffleOfJoinOrderAndLateJoinersComeAfter() {
		db.sql("UPDATE event SET on_sale_at = now() + interval '10 minutes' WHERE id = :id").bind("id", event.id()).then().block();
		api.pace(event.id(), "ON", WaitingRoomIT.STILL, 1, null);
		int joiners = 200;
		List<String> tickets = new ArrayList<>();
		for (int i = 0; i < joiners; i++) {
			Map<String, Object> place = api.joined("early-" + i, event.id());
			assertThat(place).containsEntry("state", "WAITING").containsEntry("position", null).containsKey("opensAt");
			tickets.add((String) place.get("ticket"));
		}

		// The sale opens: the event's on-sale time passes (moved here rather than waiting ten minutes).
		db.sql("UPDATE event SET on_sale_at = now() - interval '1 second' WHERE id = :id").bind("id", event.id()).then().block();
		configs.queueModeStored(event.id(), "ON").block();
		ticker.tick(event.id()).block(); // draws the pre-queue
		String late = api.ticket("late", event.id());

		List<Long> numbers = tickets.stream().map(this::number).toList();
		assertThat(numbers.stream().sorted().toList()).containsExactlyElementsOf(LongRange.from(1, joiners));
		assertThat(Math.abs(spearman(numbers))).isLessThan(0.25);
		assertThat(number(late)).isEqualTo(joiners + 1);
	}

	/** Spearman's rank correlation of the values with their indexes (values are ranks 1..n already). */
	private static double spearman(List<Long> ranks) {
		int n = ranks.size();
		double sumOfSquares = IntStream.range(0, n).mapToDouble(i -> Math.pow(ranks.get(i) - (i + 1), 2)).sum();
		return 1 - 6 * sumOfSquares / (n * ((double) n * n - 1));
	}

	private long number(String ticket) {
		String number = redis.opsForHash().get(new QueueKeys(event.id()).ticket(ticket), "number").map(String::valueOf).block();
		assertThat(number).as("place number of %s", ticket).isNotNull();
		return Long.parseLong(number);
	}

	private static final class LongRange {

		static List<Long> from(long first, long last) {
			return java.util.stream.LongStream.rangeClosed(first, last).boxed().toList();
		}
	}
}
