package io.boxoffice.seatmap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import reactor.core.Disposable;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * What one client has yet to receive, bounded: at most {@code clientBuffer} deltas queue; past that, every
 * queued delta is coalesced into one (latest status per seat, newest version). A client that stays behind for
 * longer than {@code slowClientTimeout} is closed. Messages go to the socket only while it is writable (Netty's
 * outbound buffer below its high-water mark), so a slow client holds no one else up and queues nothing outside
 * this feed. Every write happens on the connection's own thread ({@code executor}, its event loop), in order,
 * one flush per drained batch; the message arrays are shared by every client and never copied. Versions only
 * grow: a delta not newer than the last one queued is dropped.
 */
final class ClientFeed {

	/** Where messages go: a WebSocket connection. */
	interface Outlet {

		/** False while the connection's outbound buffer is full; {@link #drain} is called when it is writable again. */
		boolean writable();

		/** Queues one text message (a shared array: never written to); nothing is sent before {@link #flush}. */
		void write(byte[] json);

		void flush();
	}

	private final int capacity;
	private final long slowClientNanos;
	private final SeatmapMetrics metrics;
	private final Consumer<CloseStatus> closer;
	private final LongSupplier nanoTime;
	private final ArrayDeque<Object> queue = new ArrayDeque<>(); // byte[] (a snapshot) or Delta
	private final AtomicInteger wip = new AtomicInteger();
	private final Runnable drainLoop = this::drainLoop;
	private long lastVersion = Long.MAX_VALUE; // nothing is accepted before begin
	private boolean paused;
	private long behindSince = -1;
	private boolean closed;
	private Outlet outlet;
	private Executor executor = Runnable::run;
	private Disposable subscription;

	ClientFeed(SeatmapSettings settings, SeatmapMetrics metrics, Consumer<CloseStatus> closer, LongSupplier nanoTime) {
		this.capacity = settings.clientBuffer();
		this.slowClientNanos = settings.slowClientTimeout().toNanos();
		this.metrics = metrics;
		this.closer = closer;
		this.nanoTime = nanoTime;
	}

	/** Starts sending to the connection; {@code executor} runs every write (the connection's event loop). */
	void connect(Outlet outlet, Executor executor) {
		synchronized (this) {
			this.outlet = outlet;
			this.executor = executor;
		}
		drain();
	}

	/** A heartbeat, unless something is queued anyway (which tells the client just as well that the server is there). */
	void heartbeat() {
		synchronized (this) {
			if (closed || !queue.isEmpty()) {
				return;
			}
			queue.add(Messages.HEARTBEAT);
		}
		drain();
	}

	/** Starts at {@code version}: with this snapshot first (or none when the client is up to date). */
	void begin(byte[] snapshot, long version) {
		synchronized (this) {
			lastVersion = version;
			if (snapshot != null) {
				queue.addFirst(snapshot);
			}
		}
		drain();
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
				queue.removeIf(Delta.class::isInstance);
				queue.add(resync.snapshot());
				lastVersion = resync.version();
				tooSlow = false;
			}
			else {
				Delta changes = (Delta) item;
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
		var deltas = new ArrayList<Delta>();
		queue.forEach(queued -> {
			if (queued instanceof Delta changes) {
				deltas.add(changes);
			}
		});
		if (deltas.size() <= capacity) {
			return false;
		}
		queue.removeIf(Delta.class::isInstance);
		queue.add(Delta.coalesce(deltas));
		metrics.deltasCoalesced(deltas.size());
		long now = nanoTime.getAsLong();
		if (behindSince < 0) {
			behindSince = now;
			return false;
		}
		return now - behindSince > slowClientNanos;
	}

	/** Sends what the connection can take now, on its own thread; called again when it becomes writable. */
	void drain() {
		if (wip.getAndIncrement() != 0) {
			return;
		}
		Executor runner;
		synchronized (this) {
			runner = executor;
		}
		runner.execute(drainLoop);
	}

	private void drainLoop() {
		int missed = 1;
		do {
			Outlet out = null;
			while (true) {
				Object item;
				synchronized (this) {
					if (outlet == null || paused || closed || queue.isEmpty() || !outlet.writable()) {
						break;
					}
					out = outlet;
					item = queue.poll();
					if (queue.isEmpty()) {
						behindSince = -1;
					}
				}
				if (item instanceof Delta changes) {
					metrics.deltaSent();
					out.write(changes.json());
				}
				else {
					out.write((byte[]) item);
				}
			}
			if (out != null) {
				out.flush();
			}
			missed = wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	/** The connection ended: drop what is queued and stop following the event. */
	void dispose() {
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
