package boxoffice;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 5's benchmark generator: {@code watchers} WebSocket clients of one event (each starts with a snapshot) in
 * this one process, on Reactor Netty (one event loop per core it may use), while a churn driver holds and releases
 * single seats through the API at {@code rate} changes per second (an open model: requests leave on a schedule,
 * whatever the responses do). For each hold it keeps the API response time; each watcher, on a delta that says
 * the seat is {@code held}, records its receipt, so per hold: latency = the last watcher's receipt minus the
 * response (negative when every watcher saw it before the API answered). Frames are scanned as bytes, never
 * parsed into trees. Watchers also check versions only grow. Prints one JSON line of results.
 * <p>
 * Run by {@code loadtest/bench-watchers.sh}, with the main project's runtime classpath (Reactor Netty, Jackson).
 */
public final class WatchersBench {

	static final String BASE = System.getProperty("baseUrl", "http://localhost:8080");
	static final long EVENT = Long.getLong("event", 1);
	static final int WATCHERS = Integer.getInteger("watchers", 10_000);
	static final int RATE = Integer.getInteger("rate", 200);
	static final int WARMUP = Integer.getInteger("warmup", 10);
	static final int SECONDS = Integer.getInteger("seconds", 30);
	static final int USERS = Integer.getInteger("users", 200);
	/** Fresh user names per run, so that holds a previous run left behind do not count against this run's caps. */
	static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
	static final int POOL = Integer.getInteger("pool", 2000);
	static final long HOLD_MILLIS = Long.getLong("holdMillis", 1000);
	static final int CONNECT_CONCURRENCY = Integer.getInteger("connectConcurrency", 200);
	static final String MEASURE_CMD = System.getProperty("measureCmd", "");

	/** One hold of one seat: when it was asked for, answered, and when watchers saw it. */
	static final class Occurrence {
		final long seat;
		final long startNanos;
		volatile long responseNanos;
		volatile String holdId;
		volatile boolean measured;
		volatile int tokenIndex;
		final AtomicInteger received = new AtomicInteger();
		final AtomicLong lastReceipt = new AtomicLong(Long.MIN_VALUE);

		Occurrence(long seat, long startNanos) {
			this.seat = seat;
			this.startNanos = startNanos;
		}

		void receivedAt(long nanos) {
			received.incrementAndGet();
			lastReceipt.accumulateAndGet(nanos, Math::max);
		}
	}

	static final ConcurrentHashMap<Long, Occurrence> current = new ConcurrentHashMap<>();
	static final AtomicInteger snapshots = new AtomicInteger();
	static final AtomicInteger open = new AtomicInteger();
	static final AtomicInteger closed = new AtomicInteger();
	static final ConcurrentHashMap<Integer, AtomicInteger> closeCodes = new ConcurrentHashMap<>();
	static final AtomicLong deltas = new AtomicLong();
	static final AtomicLong backwards = new AtomicLong();
	static final AtomicLong failedHolds = new AtomicLong();
	static final AtomicLong failedReleases = new AtomicLong();

	public static void main(String[] args) throws Exception {
		var json = JsonMapper.builder().build();
		var setup = java.net.http.HttpClient.newHttpClient();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			var response = setup.send(HttpRequest.newBuilder(URI.create(BASE + "/api/dev/token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"bench-watch-" + RUN + "-" + i + "\",\"roles\":[\"USER\"]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			tokens.add(json.readTree(response.body()).get("token").asString());
		}
		List<Long> pool = pool(json, setup);
		log("event %d, %d watchers, %d changes/s, pool of %d seats, holds live %d ms, %d users", EVENT, WATCHERS, RATE,
				pool.size(), HOLD_MILLIS, USERS);

		measure("idle");
		// One event loop per core this process may use (taskset), no more.
		LoopResources loops = LoopResources.create("watch", Runtime.getRuntime().availableProcessors(), true);
		HttpClient ws = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);
		String uri = BASE.replaceFirst("^http", "ws") + "/ws/events/" + EVENT + "/availability";
		var connecting = new Semaphore(CONNECT_CONCURRENCY);
		var allSnapshots = new CountDownLatch(WATCHERS);
		long connectStart = System.nanoTime();
		for (int i = 0; i < WATCHERS; i++) {
			connecting.acquire();
			var watcher = new WatcherState();
			ws.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(16 << 20).build())
				.uri(uri)
				.handle((in, out) -> {
					open.incrementAndGet();
					in.receiveCloseStatus().subscribe(status -> closeCodes
						.computeIfAbsent(status.code(), code -> new AtomicInteger()).incrementAndGet());
					return in.aggregateFrames(16 << 20).receiveFrames().doOnNext(frame -> {
						if (frame instanceof TextWebSocketFrame text) {
							if (watcher.onMessage(text.content(), System.nanoTime())) {
								connecting.release();
								allSnapshots.countDown();
							}
						}
					}).then();
				})
				.subscribe(null, failure -> {
					closed.incrementAndGet();
					if (!watcher.snapshot) {
						connecting.release();
						allSnapshots.countDown();
						log("connect failed: %s", failure);
					}
				}, () -> closed.incrementAndGet());
		}
		if (!allSnapshots.await(300, TimeUnit.SECONDS)) {
			log("not every watcher got its snapshot");
		}
		log("%d watchers connected with a snapshot in %.1f s (%d closed)", snapshots.get(),
				(System.nanoTime() - connectStart) / 1e9, closed.get());
		measure("connected");

		HttpClient api = HttpClient.create(ConnectionProvider.create("churn", 64)).baseUrl(BASE)
			.runOn(LoopResources.create("churn", 1, true));
		var churn = new Churn(api, tokens, pool);
		long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP);
		long measuredEnd = warmupEnd + TimeUnit.SECONDS.toNanos(SECONDS);
		churn.run(warmupEnd, measuredEnd);
		int watching = snapshots.get() - closed.get();
		// Let the last changes arrive (bounded), then count.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (System.nanoTime() < deadline && churn.measured.stream()
			.anyMatch(o -> o.responseNanos != 0 && o.received.get() < watching)) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		report(churn, watching);
		measure("after");
		churn.releaseAll();
		loops.disposeLater().block(Duration.ofSeconds(10));
		System.exit(0);
	}

	/** A watcher: the versions it saw and whether its snapshot came. */
	static final class WatcherState {
		long version = -1;
		boolean snapshot;

		/** True on the snapshot. */
		boolean onMessage(ByteBuf frame, long now) {
			int start = frame.readerIndex();
			int end = frame.writerIndex();
			// {"type":"snapshot"... / {"type":"delta","version":N,"changes":[{"seatId":N,"status":"held"},...]}
			byte kind = frame.getByte(start + 9);
			if (kind == 's') {
				version = number(frame, indexOf(frame, start, end, VERSION) + VERSION.length);
				snapshot = true;
				snapshots.incrementAndGet();
				return true;
			}
			if (kind != 'd') {
				return false; // heartbeat
			}
			deltas.incrementAndGet();
			long v = number(frame, indexOf(frame, start, end, VERSION) + VERSION.length);
			if (v <= version) {
				backwards.incrementAndGet();
			}
			version = v;
			int at = start;
			while ((at = indexOf(frame, at, end, SEAT)) >= 0) {
				at += SEAT.length;
				long seat = number(frame, at);
				int status = indexOf(frame, at, end, STATUS) + STATUS.length;
				if (frame.getByte(status) == 'h') {
					Occurrence occurrence = current.get(seat);
					if (occurrence != null) {
						occurrence.receivedAt(now);
					}
				}
				at = status;
			}
			return false;
		}
	}

	static final byte[] VERSION = "\"version\":".getBytes(StandardCharsets.US_ASCII);
	static final byte[] SEAT = "\"seatId\":".getBytes(StandardCharsets.US_ASCII);
	static final byte[] STATUS = "\"status\":\"".getBytes(StandardCharsets.US_ASCII);

	static int indexOf(ByteBuf buf, int from, int end, byte[] needle) {
		outer: for (int i = from; i <= end - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (buf.getByte(i + j) != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	static long number(ByteBuf buf, int at) {
		long value = 0;
		for (byte b; (b = buf.getByte(at)) >= '0' && b <= '9'; at++) {
			value = value * 10 + (b - '0');
		}
		return value;
	}

	/** Holds and releases on a fixed schedule: each tick releases the oldest hold if it is old enough, else holds a seat. */
	static final class Churn {
		final HttpClient api;
		final List<String> tokens;
		final ArrayDeque<Long> free;
		final ArrayDeque<Occurrence> live = new ArrayDeque<>();
		final List<Occurrence> measured = new ArrayList<>();
		final AtomicLong inFlight = new AtomicLong();
		int next;

		Churn(HttpClient api, List<String> tokens, List<Long> pool) {
			this.api = api;
			this.tokens = tokens;
			this.free = new ArrayDeque<>(pool);
		}

		void run(long warmupEnd, long measuredEnd) {
			long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
			long tick = System.nanoTime();
			while (tick < measuredEnd) {
				long wait = tick - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				boolean inWindow = tick >= warmupEnd;
				synchronized (this) {
					Occurrence oldest = live.peek();
					if (oldest != null && oldest.responseNanos != 0
							&& System.nanoTime() - oldest.responseNanos >= TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS)) {
						release(live.poll());
					}
					else if (!free.isEmpty()) {
						hold(free.poll(), inWindow);
					}
				}
				tick += interval;
			}
		}

		private void hold(long seat, boolean inWindow) {
			int tokenIndex = next++ % tokens.size();
			String token = tokens.get(tokenIndex);
			var occurrence = new Occurrence(seat, System.nanoTime());
			occurrence.tokenIndex = tokenIndex;
			occurrence.measured = inWindow;
			current.put(seat, occurrence);
			if (inWindow) {
				measured.add(occurrence);
			}
			inFlight.incrementAndGet();
			api.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token).set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
				.post()
				.uri("/api/holds")
				.send(Mono.just(Unpooled.wrappedBuffer(("{\"eventId\":" + EVENT + ",\"seatIds\":[" + seat + "]}").getBytes(StandardCharsets.US_ASCII))))
				.responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(text -> {
					long now = System.nanoTime();
					if (response.status().code() == 201) {
						int at = text.indexOf("\"holdId\":\"") + 10;
						occurrence.holdId = text.substring(at, text.indexOf('"', at));
						occurrence.responseNanos = now;
						synchronized (this) {
							live.add(occurrence);
						}
					}
					else {
						failedHolds.incrementAndGet();
						if (failedHolds.get() <= 5) {
							log("hold of %d: %d %s", seat, response.status().code(), text);
						}
						synchronized (this) {
							measured.remove(occurrence);
							current.remove(seat, occurrence);
							free.add(seat);
						}
					}
					return text;
				}))
				.doFinally(signal -> inFlight.decrementAndGet())
				.subscribe(null, failure -> failedHolds.incrementAndGet());
		}

		private void release(Occurrence occurrence) {
			String token = tokens.get(occurrence.tokenIndex);
			api.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
				.delete()
				.uri("/api/holds/" + occurrence.holdId)
				.responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(text -> {
					if (response.status().code() != 204) {
						failedReleases.incrementAndGet();
					}
					synchronized (this) {
						free.add(occurrence.seat);
					}
					return text;
				}))
				.subscribe(null, failure -> failedReleases.incrementAndGet());
		}

		void releaseAll() {
			List<Occurrence> left;
			synchronized (this) {
				left = new ArrayList<>(live);
				live.clear();
			}
			left.forEach(this::release);
			LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
		}
	}

	static void report(Churn churn, int watching) {
		List<Occurrence> answered = churn.measured.stream().filter(o -> o.responseNanos != 0).toList();
		long[] latencies = answered.stream().filter(o -> o.received.get() >= watching)
			.mapToLong(o -> o.lastReceipt.get() - o.responseNanos).sorted().toArray();
		long incomplete = answered.size() - latencies.length;
		long[] firsts = answered.stream().mapToLong(o -> o.received.get()).sorted().toArray();
		System.out.printf(
				"{\"watchers\":%d,\"heldChangesMeasured\":%d,\"complete\":%d,\"incomplete\":%d,\"minWatchersOnIncomplete\":%d,"
						+ "\"p50Ms\":%.1f,\"p90Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f,\"minMs\":%.1f,\"holdsPerSecond\":%.1f,"
						+ "\"deltasReceived\":%d,\"versionsBackwards\":%d,\"failedHolds\":%d,\"failedReleases\":%d,\"closeCodes\":\"%s\"}%n",
				watching, answered.size(), latencies.length, incomplete, firsts.length == 0 ? 0 : firsts[0],
				pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100),
				latencies.length == 0 ? Double.NaN : latencies[0] / 1e6, answered.size() / (double) SECONDS, deltas.get(),
				backwards.get(), failedHolds.get(), failedReleases.get(), closeCodes);
	}

	static double pct(long[] sorted, int p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	/** The first {@code pool} priced seats of the event that are free now. */
	static List<Long> pool(JsonMapper json, java.net.http.HttpClient http) throws Exception {
		JsonNode map = json.readTree(http.send(HttpRequest.newBuilder(URI.create(BASE + "/api/events/" + EVENT + "/seatmap")).build(),
				HttpResponse.BodyHandlers.ofString()).body());
		JsonNode availability = json.readTree(http.send(HttpRequest.newBuilder(URI.create(BASE + "/api/events/" + EVENT + "/availability"))
			.build(), HttpResponse.BodyHandlers.ofString()).body());
		Set<Long> taken = new HashSet<>();
		for (String field : List.of("held", "sold")) {
			availability.get(field).forEach(seat -> taken.add(seat.asLong()));
		}
		List<Long> seats = new ArrayList<>();
		for (JsonNode section : map.get("sections")) {
			if (section.get("priceCents") == null || section.get("priceCents").isNull()) {
				continue;
			}
			for (JsonNode row : section.get("rows")) {
				for (JsonNode seat : row.get("seats")) {
					long id = seat.get(0).asLong();
					if (!taken.contains(id) && seats.size() < POOL) {
						seats.add(id);
					}
				}
			}
		}
		return seats;
	}

	/** Runs {@code measureCmd <label>} (the script's server memory probe), if any. */
	static void measure(String label) throws Exception {
		if (MEASURE_CMD.isBlank()) {
			return;
		}
		var command = new ArrayList<>(Arrays.asList(MEASURE_CMD.split(" ")));
		command.add(label);
		Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = probe.waitFor();
		System.out.print(output);
		System.out.flush();
		log("memory probe %s: exit %d", label, exit);
	}

	static void log(String format, Object... args) {
		System.err.printf("[watchers] " + format + "%n", args);
	}

	private WatchersBench() {
	}
}
