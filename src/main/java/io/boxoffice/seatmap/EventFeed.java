package io.boxoffice.seatmap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.boxoffice.holds.SeatChange;
import io.boxoffice.holds.SeatChangeFeed;
import io.boxoffice.holds.SeatSnapshot;
import io.boxoffice.holds.SeatStatus;
import io.boxoffice.holds.SeatUpdate;

/**
 * The one follower of one event's seat changes on this instance ({@link SeatChangeFeed}), fanning them out to the
 * event's clients. It keeps the event's seat state in memory, starting from a snapshot and applying each change
 * after it, so its state and version always match: a client joining gets the current state as a snapshot
 * (serialized once per version) and then exactly the deltas with a higher version, in order. When the feed
 * starts again from a fresh snapshot (it lost track of the versions), every client gets that snapshot.
 */
final class EventFeed {

	private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

	/** A fresh snapshot for every client, after the reader lost track. */
	record Resync(long version, byte[] snapshot) {
	}

	private final long eventId;
	private final SeatChangeFeed feed;
	private final SeatmapSettings settings;
	private final Sinks.Many<Object> changes = Sinks.many().multicast().directBestEffort();
	private final Map<Long, String> statuses = new HashMap<>(); // held or sold; every other seat is free
	private long version;
	private String lastId;
	private long snapshotVersion = -1;
	private byte[] snapshot;
	private boolean stopped;
	private Disposable reading;

	EventFeed(long eventId, SeatChangeFeed feed, SeatmapSettings settings) {
		this.eventId = eventId;
		this.feed = feed;
		this.settings = settings;
	}

	/** Reads the first snapshot and starts following the changes after it. */
	Mono<EventFeed> start() {
		return feed.snapshot(eventId).map(first -> {
			synchronized (this) {
				reset(first);
				if (!stopped) {
					reading = follow(first);
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
		return feed.replay(eventId, since, at, atId)
			.map(changes -> changes.stream().map(Delta::of).map(Object.class::cast).toList())
			.defaultIfEmpty(List.of(current))
			.onErrorResume(failure -> Mono.just(List.of(current)))
			.doOnNext(client::resume)
			.then();
	}

	private Disposable follow(SeatSnapshot from) {
		var pace = new SeatChangeFeed.Pace(settings.pollInterval(), settings.readBatchSize(), this::pauseIfCrowded);
		return feed.follow(from, pace).subscribe(update -> {
			if (update instanceof SeatUpdate.Changed changed) {
				apply(changed.changes());
			}
			else if (update instanceof SeatUpdate.Resynced resynced) {
				resync(resynced.snapshot());
			}
		}, failure -> log.error("The reader of event {} stopped: {}", eventId, failure.toString()));
	}

	/**
	 * With many watchers, the next read waits for {@code batch-interval} (wake-ups meanwhile fold into one), so every
	 * change of that time goes out as one delta: a delta costs a socket write per watcher. A change after a quiet
	 * spell is still read at once.
	 */
	private Duration pauseIfCrowded() {
		return crowded() ? settings.batchInterval() : Duration.ZERO;
	}

	private boolean crowded() {
		return changes.currentSubscriberCount() >= settings.batchAboveWatchers();
	}

	/** Applies changes (in order, each one version up) and sends them: a delta each, or with many watchers one for them all. */
	private synchronized void apply(List<SeatChange> read) {
		List<Delta> batch = crowded() ? new ArrayList<>(read.size()) : null;
		for (SeatChange change : read) {
			change.seats().forEach((seat, status) -> {
				if (status == SeatStatus.FREE) {
					statuses.remove(seat);
				}
				else {
					statuses.put(seat, status.word());
				}
			});
			version = change.version();
			lastId = change.position();
			Delta delta = Delta.of(change);
			if (batch != null) {
				batch.add(delta);
			}
			else if (!stopped) {
				changes.tryEmitNext(delta);
			}
		}
		if (batch != null && !batch.isEmpty() && !stopped) {
			changes.tryEmitNext(batch.size() == 1 ? batch.get(0) : Delta.coalesce(batch));
		}
	}

	private synchronized void resync(SeatSnapshot fresh) {
		reset(fresh);
		if (!stopped) {
			changes.tryEmitNext(new Resync(version, snapshotJson()));
		}
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
