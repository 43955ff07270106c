package io.boxoffice.holds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Following an event's seats: a {@link #snapshot}, then every {@link SeatChange} after it in version order
 * ({@link #follow}), and the changes between two versions for a follower's own client that fell behind
 * ({@link #replay}). Each change is one entry of the event's Redis change stream, appended by the script that made
 * it; a follower reads when a keyspace notification says the stream grew, and polls as a safety net. Where the
 * stream lives and how its entries look stays in this module.
 */
@Component
public class SeatChangeFeed {

	private static final Logger log = LoggerFactory.getLogger(SeatChangeFeed.class);

	private final ChangeStream stream;
	private final SeatStates seatStates;

	SeatChangeFeed(ChangeStream stream, SeatStates seatStates) {
		this.stream = stream;
		this.seatStates = seatStates;
	}

	/**
	 * How a follower reads.
	 *
	 * @param pollInterval how often it reads without being notified (a notification may be lost)
	 * @param readBatchSize the most changes one read takes; a full read is followed by another at once
	 * @param pause asked after each wake-up's reads: how long to wait before the next read (wake-ups meanwhile fold
	 *        into one). A follower with many clients reads less often and gets more changes per read.
	 */
	public record Pace(Duration pollInterval, int readBatchSize, Supplier<Duration> pause) {
	}

	/** The held and sold seats at one version, the point {@link #follow} starts from. */
	public Mono<SeatSnapshot> snapshot(long eventId) {
		return seatStates.snapshot(eventId);
	}

	/**
	 * The changes after {@code from}, as they happen, for as long as the flux is subscribed. Never fails: a read that
	 * fails is tried again at the next wake-up. A gap in the versions gives a {@link SeatUpdate.Resynced} snapshot,
	 * and the changes after that one. The caller handles each update before the next read (on a parallel thread).
	 */
	public Flux<SeatUpdate> follow(SeatSnapshot from, Pace pace) {
		long eventId = from.eventId();
		return Flux.defer(() -> {
			var at = new Position(from.version(), from.lastChangeId());
			Flux<Object> wakeUps = Flux.merge(stream.appended(eventId), Flux.interval(Duration.ZERO, pace.pollInterval()));
			return wakeUps.onBackpressureLatest()
				.concatMap(wakeUp -> readAll(eventId, at, pace.readBatchSize()).onErrorResume(failure -> {
					log.warn("Reading the changes of event {} failed; trying again: {}", eventId, failure.toString());
					return Flux.empty();
				}).concatWith(Mono.defer(() -> pause(pace)).then(Mono.empty())), 1);
		});
	}

	/**
	 * The changes with versions {@code since + 1} to {@code at}, where {@code atPosition} is the position of version
	 * {@code at} (a change's, or a snapshot's {@code lastChangeId}); empty if the stream no longer has them all.
	 */
	public Mono<List<SeatChange>> replay(long eventId, long since, long at, String atPosition) {
		if (since >= at) {
			return Mono.just(List.of());
		}
		return stream.readUpTo(eventId, atPosition, Math.toIntExact(at - since))
			.filter(changes -> inOrder(changes, since) == changes.size() && changes.size() == at - since);
	}

	/** Where a follower is: the version it has and the stream position of that version. Used by one read at a time. */
	private static final class Position {

		long version;
		String id;

		Position(long version, String id) {
			this.version = version;
			this.id = id;
		}
	}

	private Flux<SeatUpdate> readAll(long eventId, Position at, int batchSize) {
		return Mono.defer(() -> stream.readAfter(eventId, at.id, batchSize).collectList()).flatMapMany(changes -> {
			int next = inOrder(changes, at.version);
			List<SeatChange> continuing = changes.subList(0, next);
			if (!continuing.isEmpty()) {
				at.version = continuing.get(next - 1).version();
				at.id = continuing.get(next - 1).position();
			}
			Flux<SeatUpdate> read = continuing.isEmpty() ? Flux.empty() : Flux.just(new SeatUpdate.Changed(new ArrayList<>(continuing)));
			if (next < changes.size()) {
				return read.concatWith(resync(eventId, at));
			}
			return changes.size() == batchSize ? read.concatWith(readAll(eventId, at, batchSize)) : read;
		});
	}

	private Mono<SeatUpdate> resync(long eventId, Position at) {
		return seatStates.snapshot(eventId).map(fresh -> {
			log.info("Event {}: versions jumped past {}; starting again from a snapshot at {}", eventId, at.version, fresh.version());
			at.version = fresh.version();
			at.id = fresh.lastChangeId();
			return new SeatUpdate.Resynced(fresh);
		});
	}

	/** How many of the changes, from the first, continue {@code version} one by one. */
	private static int inOrder(List<SeatChange> changes, long version) {
		int count = 0;
		for (SeatChange change : changes) {
			if (change.version() != version + count + 1) {
				break;
			}
			count++;
		}
		return count;
	}

	private static Mono<Void> pause(Pace pace) {
		Duration pause = pace.pause().get();
		return pause.isZero() || pause.isNegative() ? Mono.empty() : Mono.delay(pause).then();
	}
}
