package io.boxoffice.holds;

import io.boxoffice.support.MutableClock;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 buyers, each with their own token, send their hold requests for overlapping sets of the same 4 seats
 * at once, over HTTP. Every request that names a seat alone wins unless that seat is already held, so when
 * the dust settles every seat has exactly one holder.
 */
@HoldsIntegrationTest
class HoldRaceIT {

	static final int BUYERS = 200;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	MutableClock clock;

	@Autowired
	JsonMapper json;

	WebClient client;
	ConnectionProvider connections;

	record Answer(int buyer, List<Long> requested, int status, JsonNode body) {
	}

	@Test
	void twoHundredBuyersRacingForFourSeatsGetOneHolderPerSeatAndAllOrNothingHolds() {
		TestEvent event = new CatalogFixtures(db).event("Race", CatalogFixtures.unique("Racetown"), Category.CONCERT,
				clock.instant().plus(5, ChronoUnit.DAYS));
		List<Long> s = event.frontSeatIds().subList(0, 4);
		List<List<Long>> patterns = List.of(List.of(s.get(0)), List.of(s.get(1)), List.of(s.get(2)), List.of(s.get(3)),
				List.of(s.get(0), s.get(1)), List.of(s.get(1), s.get(2)), List.of(s.get(2), s.get(3)),
				List.of(s.get(3), s.get(0)), List.of(s.get(0), s.get(2)), s);
		List<String> bearers = new ArrayList<>();
		for (int buyer = 0; buyer < BUYERS; buyer++) {
			bearers.add(TestTokens.bearer(tokens.user("racer-" + event.id() + "-" + buyer)));
		}

		List<Answer> answers = Flux.range(0, BUYERS)
			.flatMap(buyer -> send(bearers.get(buyer), event.id(), patterns.get(buyer % patterns.size()))
				.map(reply -> new Answer(buyer, patterns.get(buyer % patterns.size()), reply.status(), reply.body())), BUYERS)
			.collectList()
			.block(Duration.ofSeconds(90));

		assertThat(answers).hasSize(BUYERS);
		assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as("buyer %d: %s", answer.buyer(), answer.body())
			.isIn(201, 409));
		List<Answer> winners = answers.stream().filter(answer -> answer.status() == 201).toList();
		List<Answer> losers = answers.stream().filter(answer -> answer.status() == 409).toList();

		// A winner got exactly what it asked for, and no seat went to two winners.
		Map<Long, String> holderOfSeat = new HashMap<>();
		for (Answer winner : winners) {
			assertThat(longs(winner.body().get("seats"))).isEqualTo(winner.requested());
			for (long seat : winner.requested()) {
				String previous = holderOfSeat.put(seat, winner.body().get("holdId").asString());
				assertThat(previous).as("seat %d held twice", seat).isNull();
			}
		}
		assertThat(holderOfSeat.keySet()).containsExactlyInAnyOrderElementsOf(s);

		// A loser was told which of its seats were taken: some of its own, each held by a winner (nothing is
		// released during the race, so a seat held when the loser was refused is still held by the same winner).
		for (Answer loser : losers) {
			assertThat(loser.body().get("type").asString()).isEqualTo("/problems/seats-unavailable");
			assertThat(longs(loser.body().get("unavailableSeatIds")))
				.isNotEmpty()
				.doesNotHaveDuplicates()
				.isSubsetOf(loser.requested())
				.isSubsetOf(holderOfSeat.keySet());
		}

		// Redis agrees: each seat's key names its one winner, whose record has the whole requested set.
		for (long seat : s) {
			assertThat(redis.opsForValue().get("hold:{" + event.id() + "}:" + seat).block()).isEqualTo(holderOfSeat.get(seat));
		}
		for (Answer winner : winners) {
			String holdId = winner.body().get("holdId").asString();
			String seats = (String) redis.opsForHash().get("holdrec:{" + event.id() + "}:" + holdId, "seats").block();
			assertThat(seats).isEqualTo(String.join(",", winner.requested().stream().map(String::valueOf).toList()));
		}
		for (Answer loser : losers) {
			assertThat(redis.hasKey("userholds:{" + event.id() + "}:racer-" + event.id() + "-" + loser.buyer()).block()).isFalse();
		}

		// One version and one stream entry per granted hold, nothing for a refusal.
		assertThat(redis.opsForValue().get("ver:{" + event.id() + "}").block()).isEqualTo(Integer.toString(winners.size()));
		assertThat(redis.opsForStream().range("changes:{" + event.id() + "}", Range.unbounded()).count().block())
			.isEqualTo(winners.size());
	}

	private static List<Long> longs(JsonNode array) {
		List<Long> values = new ArrayList<>();
		array.forEach(node -> values.add(node.asLong()));
		return values;
	}

	private record Reply(int status, JsonNode body) {
	}

	private Mono<Reply> send(String bearer, long eventId, List<Long> seatIds) {
		return client.post().uri("/api/holds")
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("eventId", eventId, "seatIds", seatIds))
			.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("{}")
				.map(body -> new Reply(response.statusCode().value(), json.readTree(body))));
	}

	@AfterEach
	void closeConnections() {
		connections.dispose();
	}

	@BeforeEach
	void client() {
		connections = ConnectionProvider.builder("hold-race").maxConnections(BUYERS).pendingAcquireMaxCount(-1).build();
		// Connection: close: every request of the race on a connection of its own.
		client = WebClient.builder()
			.baseUrl("http://localhost:" + port)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections).responseTimeout(Duration.ofSeconds(60))))
			.defaultHeader(HttpHeaders.CONNECTION, "close")
			.build();
	}
}
