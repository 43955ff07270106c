package io.boxoffice.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/** A test handler that remembers every run it was given, then behaves as told. */
class RecordingHandler implements JobHandler {

	record Run(Job job, Instant at) {
	}

	private final String kind;
	private final Function<Job, Mono<Void>> behaviour;
	private final Map<Long, List<Run>> runs = new ConcurrentHashMap<>();

	RecordingHandler(String kind, Function<Job, Mono<Void>> behaviour) {
		this.kind = kind;
		this.behaviour = behaviour;
	}

	static RecordingHandler succeeding(String kind) {
		return new RecordingHandler(kind, job -> Mono.empty());
	}

	/** Fails the first {@code failures} runs of every job, then succeeds. */
	static RecordingHandler failingFirst(String kind, int failures) {
		return new RecordingHandler(kind, job -> job.attempts() <= failures
				? Mono.error(new IllegalStateException("card network unavailable (attempt " + job.attempts() + ")"))
				: Mono.empty());
	}

	@Override
	public String kind() {
		return kind;
	}

	@Override
	public Mono<Void> handle(Job job) {
		runs.computeIfAbsent(job.id(), id -> new CopyOnWriteArrayList<>()).add(new Run(job, Instant.now()));
		return behaviour.apply(job);
	}

	List<Run> runs(long jobId) {
		return runs.getOrDefault(jobId, List.of());
	}

	Map<Long, List<Run>> allRuns() {
		return runs;
	}
}
