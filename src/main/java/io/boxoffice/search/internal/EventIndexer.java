package io.boxoffice.search.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import co.elastic.clients.elasticsearch._types.VersionType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.boxoffice.outbox.ChangeStream;
import io.boxoffice.outbox.ReceivedChange;
import io.boxoffice.outbox.Topics;

/**
 * Keeps the index in step with the catalog: consumes {@code catalog.event-changed} and
 * {@code booking.changed} (group {@code search-indexer}), collects changes for {@code debounce}, then
 * loads each changed event once from PostgreSQL and writes it with the catalog version as external
 * version ({@code external} for catalog changes, {@code external_gte} for availability, which sales
 * change without bumping the version). Offsets are acknowledged only after the batch is written; a
 * failed batch is retried with backoff. A record without a usable event id, or for an event that does
 * not exist, goes to the dead-letter topic with a {@code reason} header. While a rebuild runs (the
 * rebuilding alias exists), each document is also written into the index being built, so the rebuilt
 * index has the changes made during its copy.
 */
@Component
class EventIndexer implements SmartLifecycle {

	static final String GROUP = "search-indexer";
	private static final Logger log = LoggerFactory.getLogger(EventIndexer.class);

	private final ChangeStream changes;
	private final EventDocuments documents;
	private final EventIndex index;
	private final JsonMapper json;
	private final SearchSettings settings;
	private final Counter indexed;
	private final Counter deadLettered;
	private final AtomicLong lag = new AtomicLong();
	private volatile Disposable consuming;
	private volatile Disposable measuring;

	EventIndexer(ChangeStream changes, EventDocuments documents, EventIndex index, JsonMapper json, SearchSettings settings,
			MeterRegistry registry) {
		this.changes = changes;
		this.documents = documents;
		this.index = index;
		this.json = json;
		this.settings = settings;
		this.indexed = Counter.builder("boxoffice.search.indexed").description("Event documents written by the indexer").register(registry);
		this.deadLettered = Counter.builder("boxoffice.search.dead.lettered").description("Change records sent to the dead-letter topic")
			.register(registry);
		Gauge.builder("boxoffice.search.indexer.lag", lag, AtomicLong::get)
			.description("Change records not yet indexed (committed) by the search-indexer group, read every 15 s")
			.register(registry);
	}

	@Override
	public synchronized void start() {
		if (!settings.indexerEnabled()) {
			log.info("Search indexer disabled on this instance");
			return;
		}
		consuming = index.ensureExists()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, java.time.Duration.ofSeconds(1)).maxBackoff(java.time.Duration.ofSeconds(30))
				.doBeforeRetry(signal -> log.warn("Search index not ready yet: {}", signal.failure().toString())))
			.thenMany(Flux.defer(() -> changes.receive(GROUP, List.of(Topics.CATALOG_EVENT_CHANGED, Topics.BOOKING_CHANGED))))
			.bufferTimeout(settings.indexerBatch(), settings.debounce())
			.concatMap(batch -> handle(batch)
				.retryWhen(Retry.backoff(Long.MAX_VALUE, java.time.Duration.ofMillis(500)).maxBackoff(java.time.Duration.ofSeconds(30))
					.doBeforeRetry(signal -> log.warn("Indexing a batch of {} change(s) failed, retrying: {}", batch.size(),
							signal.failure().toString())))
				.then(Mono.fromRunnable(() -> batch.forEach(ReceivedChange::acknowledge))), 1)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, java.time.Duration.ofSeconds(1)).maxBackoff(java.time.Duration.ofSeconds(30))
				.doBeforeRetry(signal -> log.warn("Search indexer consumer failed, restarting: {}", signal.failure().toString())))
			.subscribe();
		measuring = Flux.interval(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(15))
			.onBackpressureDrop()
			.concatMap(tick -> changes.lag(GROUP).doOnNext(lag::set).onErrorResume(error -> Mono.empty()), 1)
			.subscribe();
	}

	/** Each changed event once: catalog changes as {@code external}, the rest as availability refreshes. */
	Mono<Void> handle(List<ReceivedChange> batch) {
		Map<Long, ReceivedChange> catalog = new LinkedHashMap<>();
		Map<Long, ReceivedChange> availability = new LinkedHashMap<>();
		Flux<Void> poison = Flux.empty();
		for (ReceivedChange change : batch) {
			Long eventId = eventId(change);
			if (eventId == null) {
				poison = poison.concatWith(deadLetter(change, "no event id in the payload or key"));
			}
			else if (Topics.CATALOG_EVENT_CHANGED.equals(change.topic())) {
				catalog.put(eventId, change);
			}
			else {
				availability.put(eventId, change);
			}
		}
		availability.keySet().removeAll(catalog.keySet());
		return poison.then(write(catalog, VersionType.External)).then(write(availability, VersionType.ExternalGte));
	}

	private Mono<Void> write(Map<Long, ReceivedChange> changed, VersionType versionType) {
		if (changed.isEmpty()) {
			return Mono.empty();
		}
		Set<Long> missing = new LinkedHashSet<>(changed.keySet());
		// Read the rows first, then ask whether a rebuild runs: a rebuild that started after this check copies
		// rows read after ours, so it has these changes already; one that runs gets them written here too,
		// into its index before the alias (after a swap the rebuilding write is a 404 and the alias write lands).
		return documents.byIds(changed.keySet())
			.doOnNext(document -> missing.remove(document.id()))
			.collectList()
			.flatMapMany(loaded -> loaded.isEmpty() ? Flux.<Void>empty() : index.rebuilding()
				.flatMapMany(rebuilding -> Flux.fromIterable(loaded).concatMap(document -> (rebuilding
						? index.putRebuilding(document, versionType).then(index.put(document, versionType))
						: index.put(document, versionType))
					.doOnSuccess(done -> indexed.increment()))))
			.thenMany(Flux.defer(() -> Flux.fromIterable(missing)
				.concatMap(id -> deadLetter(changed.get(id), "unknown event " + id))))
			.then();
	}

	private Long eventId(ReceivedChange change) {
		try {
			JsonNode payload = json.readTree(change.payload() == null ? "" : change.payload());
			JsonNode id = payload == null ? null : payload.get("eventId");
			if (id != null && id.canConvertToLong()) {
				return id.asLong();
			}
		}
		catch (RuntimeException unparseable) {
			return null;
		}
		try {
			return change.key() == null ? null : Long.valueOf(change.key());
		}
		catch (NumberFormatException notAnId) {
			return null;
		}
	}

	private Mono<Void> deadLetter(ReceivedChange change, String reason) {
		log.warn("Dead-lettering {}-{}@{} (key {}): {}", change.topic(), change.partition(), change.offset(), change.key(), reason);
		deadLettered.increment();
		return changes.publish(settings.deadLetterTopic(), change.key() == null ? "" : change.key(),
				change.payload() == null ? "" : change.payload(),
				Map.of("reason", reason, "source-topic", change.topic(), "source-partition", Integer.toString(change.partition()),
						"source-offset", Long.toString(change.offset()), "type", change.type() == null ? "" : change.type()));
	}

	@Override
	public synchronized void stop() {
		if (consuming != null) {
			consuming.dispose();
			consuming = null;
		}
		if (measuring != null) {
			measuring.dispose();
			measuring = null;
		}
	}

	@Override
	public boolean isRunning() {
		return consuming != null;
	}
}
