package io.boxoffice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Profile;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.boxoffice.holds.SeatHolds;

/**
 * BENCHMARK ONLY (profile {@code bench}): the two ways of holding seats measured without the HTTP edge, inside the
 * service, so the numbers compare the mechanisms themselves (one Lua script in Redis against row locks in
 * PostgreSQL) where the HTTP benchmark compares whole requests whose edge (Netty, security, JSON) both pay.
 * {@code concurrency} loops run for {@code seconds} (a closed loop: saturation), or with {@code rate} > 0 that many
 * iterations start per second whatever the answers (an open model: latency at a load). Each iteration holds 2
 * random seats of one random event of the pool for one of 5,000 users and, with {@code recycle=release}, releases
 * them at once.
 */
@RestController
@Profile("bench")
class HoldMechanismBench {

	private static final int MAX_SAMPLES = 4_000_000;

	private final SeatHolds holds;
	private final RowLockingSeats rows;

	HoldMechanismBench(SeatHolds holds, RowLockingSeats rows) {
		this.holds = holds;
		this.rows = rows;
	}

	/** {@code poolFile}: lines "eventId seatId" on this machine (written by loadtest/bench-holds.sh). */
	record Run(String target, String recycle, int seconds, int concurrency, double rate, String poolFile) {
	}

	record Result(String target, String recycle, long granted, long conflicts, long errors, double seconds,
			long grantedPerSecond, double p50Millis, double p99Millis, double maxMillis) {
	}

	@PostMapping("/bench/hold-mechanism")
	Mono<Result> run(@RequestBody Run run) {
		return Mono.fromCallable(() -> readPool(run.poolFile())).subscribeOn(Schedulers.boundedElastic())
			.flatMap(pool -> run(run, pool));
	}

	private Mono<Result> run(Run run, Map<Long, List<Long>> pool) {
		var events = List.copyOf(pool.keySet());
		var granted = new LongAdder();
		var conflicts = new LongAdder();
		var errors = new LongAdder();
		long[] latencies = new long[MAX_SAMPLES];
		var samples = new AtomicInteger();
		long start = System.nanoTime();
		long deadline = start + Duration.ofSeconds(run.seconds()).toNanos();
		Mono<Void> iteration = Mono.defer(() -> {
			var random = ThreadLocalRandom.current();
			long event = events.get(random.nextInt(events.size()));
			List<Long> seats = twoSeats(pool.get(event), random);
			String user = "mech-" + random.nextInt(5000);
			long begun = System.nanoTime();
			return hold(run.target(), user, event, seats)
				.flatMap(held -> {
					record(latencies, samples, System.nanoTime() - begun);
					if (held.isEmpty()) {
						conflicts.increment();
						return Mono.empty();
					}
					granted.increment();
					return run.recycle().equals("release") ? release(run.target(), user, event, seats, held.get()) : Mono.empty();
				})
				.onErrorResume(failure -> {
					errors.increment();
					return Mono.empty();
				})
				.then();
		});
		Mono<Void> load = run.rate() > 0
				// Every 10 ms, the iterations of those 10 ms start at once, however many are still running.
				? Flux.interval(Duration.ofMillis(10)).takeWhile(tick -> System.nanoTime() < deadline)
					.concatMap(tick -> Flux.range(0, (int) Math.round(run.rate() / 100)))
					.flatMap(each -> iteration, Integer.MAX_VALUE)
					.then()
				: Flux.range(0, run.concurrency())
					.flatMap(loop -> iteration.repeat(() -> System.nanoTime() < deadline).then(), run.concurrency())
					.then();
		return load.then(Mono.fromCallable(() -> {
				double seconds = (System.nanoTime() - start) / 1e9;
				long[] sorted = Arrays.copyOf(latencies, Math.min(samples.get(), MAX_SAMPLES));
				Arrays.sort(sorted);
				return new Result(run.target(), run.recycle(), granted.sum(), conflicts.sum(), errors.sum(), seconds,
						Math.round(granted.sum() / seconds), millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 1.0));
			}));
	}

	/** The hold's id (Redis) or "held" (rows) when granted; empty when a seat was taken. */
	private Mono<Optional<String>> hold(String target, String user, long event, List<Long> seats) {
		if (target.equals("pg")) {
			return rows.hold(user, event, seats).map(held -> held ? Optional.of("held") : Optional.empty());
		}
		return holds.hold(user, event, seats, Optional.empty())
			.map(hold -> Optional.of(hold.id()))
			.onErrorResume(ErrorResponseException.class, refused -> refused.getStatusCode().value() == 409
					? Mono.just(Optional.empty()) : Mono.error(refused));
	}

	private Mono<Void> release(String target, String user, long event, List<Long> seats, String holdId) {
		return target.equals("pg") ? rows.release(user, event, seats) : holds.release(user, holdId);
	}

	private static Map<Long, List<Long>> readPool(String file) throws IOException {
		Map<Long, List<Long>> pool = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of(file))) {
			String[] parts = line.trim().split("\\s+");
			if (parts.length == 2) {
				pool.computeIfAbsent(Long.parseLong(parts[0]), event -> new ArrayList<>()).add(Long.parseLong(parts[1]));
			}
		}
		return pool;
	}

	private static List<Long> twoSeats(List<Long> seats, ThreadLocalRandom random) {
		long first = seats.get(random.nextInt(seats.size()));
		long second;
		do {
			second = seats.get(random.nextInt(seats.size()));
		}
		while (second == first);
		return List.of(first, second);
	}

	private static void record(long[] latencies, AtomicInteger samples, long nanos) {
		int index = samples.getAndIncrement();
		if (index < latencies.length) {
			latencies[index] = nanos;
		}
	}

	private static double millis(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}
}
