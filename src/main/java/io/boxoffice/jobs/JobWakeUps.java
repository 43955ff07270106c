package io.boxoffice.jobs;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/** "There may be work now": sent after a commit that enqueued jobs, heard by this instance's runner. */
@Component
class JobWakeUps {

	private final Sinks.Many<Boolean> sink = Sinks.many().multicast().directBestEffort();

	/**
	 * Best effort: a nudge lost to a concurrent one still leads to a claim, and polling is the
	 * safety net for everything else.
	 */
	void nudge() {
		sink.tryEmitNext(Boolean.TRUE);
	}

	Flux<Boolean> asFlux() {
		return sink.asFlux();
	}
}
