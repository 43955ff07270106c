/**
 * Search: the Elasticsearch index of events, the indexer that consumes catalog and booking changes,
 * and the search API. For now it owns the Elasticsearch client and its health indicator.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.search;
