package io.boxoffice.holds;

import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import io.boxoffice.catalog.HeldSeats;

/**
 * The held seats of an event for {@code GET /api/events/{id}/availability}: the seats of every live hold record in
 * the event's expiry index. Plain reads, not one script: a poller sees each change at most one poll late.
 */
@Component
class HeldSeatReader implements HeldSeats {

	private final ReactiveStringRedisTemplate redis;

	HeldSeatReader(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Mono<List<Long>> heldSeatIds(long eventId) {
		return redis.opsForZSet().range(HoldKeys.expiries(eventId), Range.unbounded())
			.flatMap(holdId -> redis.<String, String>opsForHash().get(HoldKeys.record(eventId, holdId), "seats"))
			.flatMapIterable(seats -> Arrays.asList(seats.split(",")))
			.filter(seat -> !seat.isBlank())
			.map(Long::parseLong)
			.distinct()
			.sort()
			.collectList();
	}
}
