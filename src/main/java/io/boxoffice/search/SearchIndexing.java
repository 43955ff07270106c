package io.boxoffice.search;

import reactor.core.publisher.Mono;

/** Full rebuilds of the search index from PostgreSQL (the admin endpoint and the demo use it). */
public interface SearchIndexing {

	/**
	 * Builds a fresh {@code events-v{n+1}} from every event in bulk, then swaps the {@code events}
	 * alias to it atomically and deletes the old index. Fails if a rebuild is already running.
	 */
	Mono<ReindexResult> reindex();

	/** Reindexes if the alias is missing or its document count differs from the event count; empty otherwise. */
	Mono<ReindexResult> reindexIfStale();

	record ReindexResult(String index, long documents, long millis) {
	}
}
