package io.boxoffice.seatmap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.boxoffice.holds.SeatSnapshot;
import io.boxoffice.holds.SeatStates;

/**
 * The one reader of one event's change stream on this instance. It keeps the event's seat state in memory,
 * starting from a snapshot read together with the stream id of its version, and applies each entry read after
 * that id, so its state and version always match: a client joining gets the current state as a snapshot
 * (serialized once per version) and then exactly the deltas with a higher version, in order. Reads are woken
 * by {@code xadd} notifications, with a poll every {@code poll-interval} for notifications lost on the way.
 * A hole in the versions (the stream was trimmed past the reader, or Redis lost it) makes it read a fresh
 * snapshot and send that to every client.
 */
final class EventFeed {

	private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

	/** A fresh snapshot for every client, after the reader lost track. */
	record Resync(long version, byte[] snapshot) {
	}

	private final long eventId;
	private final ChangeStream stream;
	private final SeatStates seatStates;
	private final SeatmapSettings settings;
	private final Sinks.Many<Object> changes = Sinks.many().multicast().directBestEffort();
	private final Map<Long, String> statuses = new HashMap<>(); // held or sold; every other seat is free
	private long version;
	private String lastId;
	private long snapshotVersion = -1;
	private byte[] snapshot;
	private boolean stopped;
	private Disposable reading;

	EventFeed(long eventId, ChangeStream stream, SeatStates seatStates, SeatmapSettings settings) {
		this.eventId = eventId;
		this.stream = stream;
		this.seatStates = seatStates;
		this.settings = settings;
	}

	/** Reads the first snapshot and starts reading the stream after it. */
	Mono<EventFeed> start() {
		return seatStates.snapshot(eventId).map(first -> {
			synchronized (this) {
				reset(first);
				if (!stopped) {
					reading = Disposables.composite(readChanges(), expireHolds());
				}
			}
			return this;
		});
	}

	synchronized void stop() {
		stopped = true;
		if (reading != null) {
			reading.dispose();
		}
		changes.tryEmitComplete();
	}

	/**
	 * Joins a client: a snapshot at the current version, or (with {@code since}) a replay of the stream entries
	 * after {@code since}, a snapshot when they are no longer all in the stream or too many; then live deltas.
	 */
	Mono<Void> attach(ClientFeed client, Long since) {
		long at;
		String atId;
		byte[] current;
		synchronized (this) {
			at = version;
			atId = lastId;
			current = since != null && since == at ? null : snapshotJson();
			boolean replay = since != null && since < at && at - since <= settings.maxReplay();
			if (replay) {
				client.beginPaused(at);
			}
			else {
				client.begin(current, at);
			}
			client.subscribed(changes.asFlux().subscribe(client::offer));
			if (!replay) {
				return Mono.empty();
			}
		}
		long wanted = at - since;
		return stream.readUpTo(eventId, atId, (int) wanted)
			.map(entries -> isReplayOf(entries, since, at) ? entries.stream().map(ChangeStream.Entry::changes).toList()
					: List.of(current))
			.onErrorResume(failure -> Mono.just(List.of(current)))
			.doOnNext(client::resume)
			.then();
	}

	private static boolean isReplayOf(List<ChangeStream.Entry> entries, long since, long at) {
		if (entries.size() != at - since) {
			return false;
		}
		long expected = since + 1;
		for (ChangeStream.Entry entry : entries) {
			if (entry.changes().version() != expected++) {
				return false;
			}
		}
		return true;
	}

	private Disposable readChanges() {
		Flux<Object> wakeUps = Flux.merge(stream.appended(eventId), Flux.interval(Duration.ZERO, settings.pollInterval()));
		return wakeUps.onBackpressureLatest()
			.concatMap(wakeUp -> readAll().onErrorResume(failure -> {
				log.warn("Reading the changes of event {} failed; trying again: {}", eventId, failure.toString());
				return Mono.empty();
			}).then(Mono.defer(this::pauseIfCrowded)), 1)
			.subscribe(null, failure -> log.error("The reader of event {} stopped: {}", eventId, failure.toString()));
	}

	/**
	 * With many watchers, the next read waits for {@code batch-interval} (wake-ups meanwhile fold into one), so every
	 * change of that time goes out as one delta: a delta costs a socket write per watcher. A change after a quiet
	 * spell is still read at once.
	 */
	private Mono<Void> pauseIfCrowded() {
		return crowded() ? Mono.delay(settings.batchInterval()).then() : Mono.empty();
	}

	private boolean crowded() {
		return changes.currentSubscriberCount() >= settings.batchAboveWatchers();
	}

	/** Hold keys that run out are expired at once rather than at the next sweep. */
	private Disposable expireHolds() {
		return stream.holdKeysExpired(eventId)
			.onBackpressureLatest()
			.concatMap(expired -> seatStates.expireDue(eventId).onErrorResume(failure -> Mono.empty()), 1)
			.subscribe(null, failure -> log.warn("Prompt expiry for event {} stopped: {}", eventId, failure.toString()));
	}

	private Mono<Void> readAll() {
		return Mono.defer(() -> stream.readAfter(eventId, lastId(), settings.readBatchSize()).collectList())
			.flatMap(entries -> {
				if (!apply(entries)) {
					return resync();
				}
				return entries.size() == settings.readBatchSize() ? readAll() : Mono.empty();
			});
	}

	/**
	 * Applies entries in order and sends them: a delta each, or (with many watchers) one coalesced delta for them all.
	 * False at a hole in the versions, after sending what came before it.
	 */
	private synchronized boolean apply(List<ChangeStream.Entry> entries) {
		List<SeatChanges> batch = crowded() ? new ArrayList<>(entries.size()) : null;
		try {
			for (ChangeStream.Entry entry : entries) {
				SeatChanges change = entry.changes();
				if (change.version() != version + 1) {
					return false;
				}
				change.statuses().forEach((seat, status) -> {
					if (status.equals("free")) {
						statuses.remove(seat);
					}
					else {
						statuses.put(seat, status);
					}
				});
				version = change.version();
				lastId = entry.id();
				if (batch != null) {
					batch.add(change);
				}
				else if (!stopped) {
					changes.tryEmitNext(change);
				}
			}
			return true;
		}
		finally {
			if (batch != null && !batch.isEmpty() && !stopped) {
				changes.tryEmitNext(batch.size() == 1 ? batch.get(0) : SeatChanges.coalesce(batch));
			}
		}
	}

	private Mono<Void> resync() {
		return seatStates.snapshot(eventId).doOnNext(fresh -> {
			synchronized (this) {
				log.info("Event {}: versions jumped past {}; sending a fresh snapshot at {}", eventId, version, fresh.version());
				reset(fresh);
				if (!stopped) {
					changes.tryEmitNext(new Resync(version, snapshotJson()));
				}
			}
		}).then();
	}

	private synchronized String lastId() {
		return lastId;
	}

	private void reset(SeatSnapshot fresh) {
		statuses.clear();
		fresh.held().forEach(seat -> statuses.put(seat, "held"));
		fresh.sold().forEach(seat -> statuses.put(seat, "sold"));
		version = fresh.version();
		lastId = fresh.lastChangeId();
	}

	/** Built once per version, shared by every client that joins at that version. */
	private byte[] snapshotJson() {
		if (snapshotVersion != version) {
			var held = new ArrayList<Long>();
			var sold = new ArrayList<Long>();
			statuses.forEach((seat, status) -> (status.equals("sold") ? sold : held).add(seat));
			held.sort(null);
			sold.sort(null);
			snapshot = Messages.snapshot(version, held, sold);
			snapshotVersion = version;
		}
		return snapshot;
	}
}
