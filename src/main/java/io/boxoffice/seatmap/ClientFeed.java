package io.boxoffice.seatmap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * What one client has yet to receive, bounded: at most {@code clientBuffer} deltas queue; past that, every
 * queued delta is coalesced into one (latest status per seat, newest version). A client that stays behind for
 * longer than {@code slowClientTimeout} is closed. Messages leave only as the socket asks for them, so a slow
 * client holds no one else up. Versions only grow: a delta not newer than the last one queued is dropped.
 */
final class ClientFeed {

	private final int capacity;
	private final long slowClientNanos;
	private final SeatmapMetrics metrics;
	private final Consumer<CloseStatus> closer;
	private final LongSupplier nanoTime;
	private final ArrayDeque<Object> queue = new ArrayDeque<>(); // byte[] (a snapshot) or SeatChanges
	private final AtomicInteger wip = new AtomicInteger();
	private long lastVersion = Long.MAX_VALUE; // nothing is accepted before begin
	private boolean paused;
	private long behindSince = -1;
	private boolean closed;
	private FluxSink<byte[]> sink;
	private Disposable subscription;

	ClientFeed(SeatmapSettings settings, SeatmapMetrics metrics, Consumer<CloseStatus> closer, LongSupplier nanoTime) {
		this.capacity = settings.clientBuffer();
		this.slowClientNanos = settings.slowClientTimeout().toNanos();
		this.metrics = metrics;
		this.closer = closer;
		this.nanoTime = nanoTime;
	}

	/** The JSON messages for the socket (shared arrays: never written to), emitted only on demand. */
	Flux<byte[]> messages() {
		return Flux.create(emitter -> {
			synchronized (this) {
				sink = emitter;
			}
			emitter.onRequest(n -> drain());
			emitter.onDispose(this::dispose);
		});
	}

	/** Starts at {@code version}: with this snapshot first (or none when the client is up to date). */
	synchronized void begin(byte[] snapshot, long version) {
		lastVersion = version;
		if (snapshot != null) {
			queue.addFirst(snapshot);
		}
	}

	/** Starts at {@code version} but sends nothing until {@link #resume} puts what came before in front. */
	synchronized void beginPaused(long version) {
		lastVersion = version;
		paused = true;
	}

	/** Ends a pause with a replay of deltas (oldest first) or a snapshot, ahead of anything queued since. */
	void resume(List<?> first) {
		synchronized (this) {
			for (int i = first.size() - 1; i >= 0; i--) {
				queue.addFirst(first.get(i));
			}
			paused = false;
		}
		drain();
	}

	synchronized void subscribed(Disposable subscription) {
		this.subscription = subscription;
	}

	/** Called by the event's reader with each change, or with a fresh snapshot when the reader had to resync. */
	void offer(Object item) {
		boolean tooSlow;
		synchronized (this) {
			if (closed) {
				return;
			}
			if (item instanceof EventFeed.Resync resync) {
				queue.removeIf(SeatChanges.class::isInstance);
				queue.add(resync.snapshot());
				lastVersion = resync.version();
				tooSlow = false;
			}
			else {
				SeatChanges changes = (SeatChanges) item;
				if (changes.version() <= lastVersion) {
					return;
				}
				lastVersion = changes.version();
				queue.add(changes);
				tooSlow = coalesceIfFull();
			}
		}
		if (tooSlow) {
			close(CloseCodes.TOO_SLOW);
		}
		else {
			drain();
		}
	}

	/** Closes a client that has been behind too long even if no change came since (called with heartbeats). */
	void checkSlow() {
		boolean tooSlow;
		synchronized (this) {
			tooSlow = !closed && behindSince >= 0 && nanoTime.getAsLong() - behindSince > slowClientNanos;
		}
		if (tooSlow) {
			close(CloseCodes.TOO_SLOW);
		}
	}

	void close(CloseStatus status) {
		synchronized (this) {
			if (closed) {
				return;
			}
			closed = true;
			queue.clear();
		}
		metrics.closed(status.getCode());
		closer.accept(status);
	}

	private boolean coalesceIfFull() {
		var deltas = new ArrayList<SeatChanges>();
		queue.forEach(queued -> {
			if (queued instanceof SeatChanges changes) {
				deltas.add(changes);
			}
		});
		if (deltas.size() <= capacity) {
			return false;
		}
		queue.removeIf(SeatChanges.class::isInstance);
		queue.add(SeatChanges.coalesce(deltas));
		metrics.deltasCoalesced(deltas.size());
		long now = nanoTime.getAsLong();
		if (behindSince < 0) {
			behindSince = now;
			return false;
		}
		return now - behindSince > slowClientNanos;
	}

	private void drain() {
		if (wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			while (true) {
				FluxSink<byte[]> out;
				Object item;
				synchronized (this) {
					if (sink == null || paused || closed || queue.isEmpty() || sink.requestedFromDownstream() == 0) {
						break;
					}
					out = sink;
					item = queue.poll();
					if (queue.isEmpty()) {
						behindSince = -1;
					}
				}
				if (item instanceof SeatChanges changes) {
					metrics.deltaSent();
					out.next(changes.json());
				}
				else {
					out.next((byte[]) item);
				}
			}
			missed = wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void dispose() {
		Disposable running;
		synchronized (this) {
			closed = true;
			queue.clear();
			running = subscription;
		}
		if (running != null) {
			running.dispose();
		}
	}
}
