/**
 * Search: the Elasticsearch index of events (alias {@code events} over versioned indices), the indexer
 * that consumes catalog and booking changes from the change stream, the search API
 * ({@code GET /api/search}) with its Redis query cache and circuit breaker, and full reindexing
 * ({@link io.boxoffice.search.SearchIndexing}, {@code POST /api/admin/search/reindex}).
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.search;
