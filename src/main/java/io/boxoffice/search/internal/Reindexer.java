package io.boxoffice.search.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.search.SearchIndexing;

/**
 * Rebuilds the index from PostgreSQL into a fresh {@code events-v{n+1}}, keyset page by page with
 * the bulk API, merges it into one segment, then swaps the alias in one atomic step and deletes the old index. Searches keep
 * using the old index until the swap. One rebuild at a time per instance. The new index carries the
 * rebuilding alias from its creation to the swap, and the indexer writes every change into it as
 * well as through the alias, so changes made during the copy are not lost with the old index.
 */
@Component
class Reindexer implements SearchIndexing {

	private static final Logger log = LoggerFactory.getLogger(Reindexer.class);

	private final EventDocuments documents;
	private final EventIndex index;
	private final SearchSettings settings;
	private final AtomicBoolean running = new AtomicBoolean();
	/** Test hook: runs after the copy, before the swap (tests change events there, deterministically mid-rebuild). */
	volatile java.util.function.Supplier<Mono<Void>> beforeSwap = Mono::empty;

	Reindexer(EventDocuments documents, EventIndex index, SearchSettings settings) {
		this.documents = documents;
		this.index = index;
		this.settings = settings;
	}

	@Override
	public Mono<ReindexResult> reindex() {
		return Mono.defer(() -> {
			if (!running.compareAndSet(false, true)) {
				return Mono.error(SearchProblems.reindexRunning());
			}
			return rebuild().doFinally(signal -> running.set(false));
		});
	}

	boolean isRunning() {
		return running.get();
	}

	@Override
	public Mono<ReindexResult> reindexIfStale() {
		Mono<Boolean> stale = index.ensureExists().then(index.current()).hasElement().flatMap(exists -> !exists ? Mono.just(true)
				: index.currentSchema().flatMap(current -> !current ? Mono.just(true)
						: Mono.zip(index.count(), documents.count()).map(counts -> !counts.getT1().equals(counts.getT2()))));
		return stale.flatMap(yes -> yes ? reindex() : Mono.empty());
	}

	private Mono<ReindexResult> rebuild() {
		long started = System.nanoTime();
		AtomicLong written = new AtomicLong();
		// The alias first (the indexer may be creating it right now), then a version above every existing index.
		return index.ensureExists().then(index.versions()).flatMap(existing -> {
			String next = settings.alias() + "-v" + (existing.stream().mapToInt(this::version).max().orElse(0) + 1);
			log.info("Reindex: building {} from PostgreSQL (existing: {})", next, existing);
			return index.createRebuilding(next)
				.then(documents.page(0, settings.reindexBatch())
					.expand(page -> page.size() < settings.reindexBatch() ? Mono.empty()
							: documents.page(page.get(page.size() - 1).id(), settings.reindexBatch()))
					.concatMap(page -> index.bulk(next, page).then(Mono.fromRunnable(() -> {
						long total = written.addAndGet(page.size());
						if (!page.isEmpty()) {
							log.info("Reindex: {} documents written to {}", total, next);
						}
					})), 1)
					.then())
				.then(Mono.defer(() -> beforeSwap.get()))
				.then(index.refresh(next))
				.then(index.forceMerge(next))
				.then(index.swap(next))
				.onErrorResume(error -> index.stopRebuilding(next).onErrorResume(ignored -> Mono.empty()).then(Mono.error(error)))
				.thenMany(Flux.fromIterable(existing).concatMap(index::deleteIfExists))
				.then(Mono.fromCallable(() -> {
					long millis = (System.nanoTime() - started) / 1_000_000;
					log.info("Reindex: alias {} now on {} ({} documents in {} ms); deleted {}", settings.alias(), next, written.get(),
							millis, existing);
					return new ReindexResult(next, written.get(), millis);
				}));
		});
	}

	private int version(String index) {
		String prefix = settings.alias() + "-v";
		if (index.startsWith(prefix)) {
			try {
				return Integer.parseInt(index.substring(prefix.length()));
			}
			catch (NumberFormatException notOurs) {
				return 0;
			}
		}
		return 0;
	}
}
