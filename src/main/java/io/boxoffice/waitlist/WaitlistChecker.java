package io.boxoffice.waitlist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code check-interval}, checks each event that has live waitlist entries. This one loop notices every way
 * seats come back (a cancellation, an expired or released booking, a released or expired hold) without any
 * module having to tell the waitlist, and after a restart it simply goes on from what Postgres says. Every instance
 * runs it; the per-event advisory lock lets one of them work on an event at a time.
 */
@Component
class WaitlistChecker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WaitlistChecker.class);

	private final WaitlistEntries entries;
	private final WaitlistOffers offers;
	private final WaitlistSettings settings;
	private volatile Disposable loop;

	WaitlistChecker(WaitlistEntries entries, WaitlistOffers offers, WaitlistSettings settings) {
		this.entries = entries;
		this.offers = offers;
		this.settings = settings;
	}

	Mono<Void> checkAll() {
		return entries.eventsWithLiveEntries()
			.concatMap(eventId -> offers.check(eventId).onErrorResume(failed -> {
				log.warn("Could not check the waitlist of event {}; trying again in {}: {}", eventId, settings.checkInterval(),
						failed.toString());
				return Mono.empty();
			}))
			.then();
	}

	@Override
	public synchronized void start() {
		if (loop == null && !settings.checkInterval().isZero()) {
			loop = Flux.interval(settings.checkInterval(), settings.checkInterval())
				.onBackpressureDrop()
				.concatMap(tick -> checkAll().onErrorResume(failed -> {
					log.warn("Could not list the events with waitlists: {}", failed.toString());
					return Mono.empty();
				}), 1)
				.subscribe();
		}
	}

	@Override
	public synchronized void stop() {
		if (loop != null) {
			loop.dispose();
			loop = null;
		}
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}
}
