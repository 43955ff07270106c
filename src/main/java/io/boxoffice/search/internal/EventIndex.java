package io.boxoffice.search.internal;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The {@code events} alias and the versioned indices behind it ({@code events-v1}, {@code events-v2}, …).
 * Incremental writes go through the alias with the catalog version as an external version, so a stale
 * or repeated write is a version conflict, which is success here.
 */
@Component
class EventIndex {

	private static final Logger log = LoggerFactory.getLogger(EventIndex.class);
	/**
	 * {@code mappings._meta.schema} of {@code search/events-index.json}: bump it with every mapping change, and an
	 * index of another schema counts as stale (the demo start and {@code reindexIfStale} rebuild it). 2: term
	 * vectors on the highlighted fields (the fast vector highlighter needed them). 3: no term vectors (the service
	 * marks highlights itself), and {@code words}, name, performers and venue copied into one field for the fuzzy match.
	 * 4: the list vocabulary ({@code venue} object, {@code minPriceCents}, {@code onSaleAt}, {@code timeZone}) and
	 * {@code localStartsAt}, the venue's wall-clock start that date filters compare with.
	 */
	static final long SCHEMA = 4;

	private final ElasticsearchAsyncClient elasticsearch;
	private final SearchSettings settings;

	EventIndex(ElasticsearchAsyncClient elasticsearch, SearchSettings settings) {
		this.elasticsearch = elasticsearch;
		this.settings = settings;
	}

	String alias() {
		return settings.alias();
	}

	/**
	 * The alias a rebuild puts on the index it is building ({@code events-rebuilding}): while it exists, the
	 * indexer writes every change there too, so the rebuilt index does not miss changes made during the copy.
	 */
	String rebuildingAlias() {
		return settings.alias() + "-rebuilding";
	}

	/** Whether a rebuild is running (on any instance): the rebuilding alias exists. */
	Mono<Boolean> rebuilding() {
		return call(() -> elasticsearch.indices().existsAlias(b -> b.name(rebuildingAlias()))).map(exists -> exists.value());
	}

	/** The index the alias points at, or empty if there is no alias yet. */
	Mono<String> current() {
		return call(() -> elasticsearch.indices().existsAlias(b -> b.name(settings.alias())))
			.flatMap(exists -> !exists.value() ? Mono.<String>empty()
					: call(() -> elasticsearch.indices().getAlias(b -> b.name(settings.alias())))
						.flatMap(response -> Mono.justOrEmpty(response.result().keySet().stream().sorted().reduce((a, b) -> b))));
	}

	/** Creates {@code alias-v1} with the alias if there is no alias yet (first start). */
	Mono<Void> ensureExists() {
		return current().hasElement().flatMap(exists -> exists ? Mono.empty()
				: create(settings.alias() + "-v1", true)
					.doOnSuccess(done -> log.info("Created search index {}-v1 behind alias {}", settings.alias(), settings.alias()))
					.onErrorResume(EventIndex::alreadyExists, error -> Mono.empty()))
			.then(usable());
	}

	/** Waits until the index behind the alias has its primary shard (another instance may have just created it). */
	private Mono<Void> usable() {
		return call(() -> elasticsearch.cluster().health(b -> b.index(settings.alias())
				.waitForStatus(co.elastic.clients.elasticsearch._types.HealthStatus.Yellow)
				.waitForNoInitializingShards(true)
				.timeout(t -> t.time("30s")))).then();
	}

	Mono<Void> create(String index, boolean withAlias) {
		return call(() -> elasticsearch.indices().create(b -> {
			b.index(index).withJson(definition());
			if (withAlias) {
				b.aliases(settings.alias(), a -> a);
			}
			return b;
		})).then();
	}

	/**
	 * Creates the index a rebuild writes into, with the rebuilding alias, after taking that alias off every
	 * other versioned index (an orphan of a rebuild that died would otherwise make the alias point at two).
	 */
	Mono<Void> createRebuilding(String index) {
		// must_exist=false does not help when no index has the alias at all: remove it only where it is.
		return rebuilding().flatMap(leftOver -> !leftOver ? Mono.empty()
				: call(() -> elasticsearch.indices().updateAliases(b -> b
					.actions(a -> a.remove(r -> r.index(settings.alias() + "-v*").alias(rebuildingAlias()).mustExist(false))))))
			.then(call(() -> elasticsearch.indices().create(b -> b.index(index).withJson(definition()).aliases(rebuildingAlias(), a -> a))))
			.then();
	}

	/** Takes the rebuilding alias off {@code index} (a failed rebuild). */
	Mono<Void> stopRebuilding(String index) {
		return call(() -> elasticsearch.indices().updateAliases(b -> b
			.actions(a -> a.remove(r -> r.index(index).alias(rebuildingAlias()).mustExist(false))))).then();
	}

	Mono<Void> deleteIfExists(String index) {
		return call(() -> elasticsearch.indices().exists(b -> b.index(index)))
			.flatMap(exists -> exists.value() ? call(() -> elasticsearch.indices().delete(b -> b.index(index))).then() : Mono.empty());
	}

	/**
	 * Points the alias at {@code next} and away from every other versioned index, and ends the rebuild (takes the
	 * rebuilding alias off {@code next}), in one atomic step.
	 */
	Mono<Void> swap(String next) {
		return call(() -> elasticsearch.indices().updateAliases(b -> b
			.actions(a -> a.remove(r -> r.index(settings.alias() + "-v*").alias(settings.alias()).mustExist(false)))
			.actions(a -> a.add(add -> add.index(next).alias(settings.alias())))
			.actions(a -> a.remove(r -> r.index(next).alias(rebuildingAlias()).mustExist(false))))).then();
	}

	/** Every versioned index ({@code alias-v*}), also orphans of failed rebuilds. */
	Mono<java.util.Set<String>> versions() {
		return call(() -> elasticsearch.indices().get(b -> b.index(settings.alias() + "-v*").allowNoIndices(true)))
			.map(response -> response.result().keySet());
	}

	/**
	 * Writes the document through the alias; {@code External} for catalog changes (must be newer),
	 * {@code ExternalGte} for availability refreshes (sales do not bump the version).
	 */
	Mono<Void> put(EventDocument document, VersionType versionType) {
		return call(() -> elasticsearch.index(b -> b.index(settings.alias()).id(Long.toString(document.id()))
				.versionType(versionType).version(document.version()).document(document)))
			.then()
			.onErrorResume(EventIndex::versionConflict, error -> Mono.empty());
	}

	/**
	 * Writes the document into the index a rebuild is building, through the rebuilding alias, which must still
	 * exist ({@code require_alias}: a rebuild that has swapped or failed meanwhile is a 404, which is done here,
	 * since the alias write that follows then reaches the rebuilt index; without the flag the write would create
	 * an index named like the alias).
	 */
	Mono<Void> putRebuilding(EventDocument document, VersionType versionType) {
		return call(() -> elasticsearch.index(b -> b.index(rebuildingAlias()).requireAlias(true).id(Long.toString(document.id()))
				.versionType(versionType).version(document.version()).document(document)))
			.then()
			.onErrorResume(error -> versionConflict(error) || status(error, 404), error -> Mono.empty());
	}

	/**
	 * Bulk-writes a page into the index being rebuilt; fails if any item failed. {@code external}: a document the
	 * indexer already wrote there during the rebuild was read from PostgreSQL after its change, so it stays (a 409
	 * for that item is success); a later availability change reaches the index through the indexer again.
	 */
	Mono<Void> bulk(String index, List<EventDocument> documents) {
		if (documents.isEmpty()) {
			return Mono.empty();
		}
		List<BulkOperation> operations = documents.stream()
			.map(document -> BulkOperation.of(o -> o.index(i -> i.id(Long.toString(document.id()))
				.versionType(VersionType.External).version(document.version()).document(document))))
			.toList();
		return call(() -> elasticsearch.bulk(b -> b.index(index).operations(operations))).flatMap(response -> {
			if (!response.errors()) {
				return Mono.empty();
			}
			var failed = response.items().stream().filter(item -> item.error() != null && item.status() != 409).findFirst();
			return failed.isEmpty() ? Mono.empty()
					: Mono.error(new IllegalStateException(
							"Bulk indexing failed for event " + failed.get().id() + ": " + failed.get().error().reason()));
		});
	}

	/**
	 * Merges a freshly built index into one segment: a fuzzy or prefix query walks the terms of every segment, so a
	 * bulk-loaded index of a dozen segments answers measurably slower. Best effort: Elasticsearch goes on merging if
	 * the client gives up waiting (socket timeout), and a search is correct either way.
	 */
	Mono<Void> forceMerge(String index) {
		return call(() -> elasticsearch.indices().forcemerge(b -> b.index(index).maxNumSegments(1L))).then()
			.onErrorResume(error -> {
				log.warn("Force merge of {} not confirmed ({}); searches work meanwhile", index, error.toString());
				return Mono.empty();
			});
	}

	Mono<Void> refresh(String index) {
		return call(() -> elasticsearch.indices().refresh(b -> b.index(index))).then();
	}

	/** Whether the index behind the alias has this code's mapping ({@link #SCHEMA}). */
	Mono<Boolean> currentSchema() {
		return call(() -> elasticsearch.indices().getMapping(b -> b.index(settings.alias()))).map(response -> response.result().values()
			.stream()
			.allMatch(mapping -> mapping.mappings().meta().containsKey("schema")
					&& mapping.mappings().meta().get("schema").to(Long.class) == SCHEMA));
	}

	Mono<Long> count() {
		// A node that just started may answer 503 (no shard available) for a moment after reporting yellow.
		return call(() -> elasticsearch.count(b -> b.index(settings.alias()))).map(response -> response.count())
			.retryWhen(reactor.util.retry.Retry.backoff(8, java.time.Duration.ofMillis(250)));
	}

	private static InputStream definition() {
		try {
			return new ClassPathResource("search/events-index.json").getInputStream();
		}
		catch (java.io.IOException missing) {
			throw new UncheckedIOException(missing);
		}
	}

	static <T> Mono<T> call(Supplier<CompletableFuture<T>> request) {
		return Mono.fromFuture(request).onErrorMap(CompletionException.class, error -> error.getCause() == null ? error : error.getCause());
	}

	/**
	 * A 409 from Elasticsearch. The async client reports it either parsed ({@link ElasticsearchException}) or, when
	 * the transport answers first, as the low-level client's {@code ResponseException} inside a transport
	 * exception; missing the second form made the indexer retry a stale write forever and stall every later change.
	 */
	static boolean versionConflict(Throwable error) {
		return status(error, 409);
	}

	/** Whether Elasticsearch answered {@code status}, in either of the forms the async client reports it. */
	static boolean status(Throwable error, int status) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ElasticsearchException es && es.status() == status) {
				return true;
			}
			if (cause instanceof org.elasticsearch.client.ResponseException response
					&& response.getResponse().getStatusLine().getStatusCode() == status) {
				return true;
			}
		}
		return false;
	}

	static boolean alreadyExists(Throwable error) {
		return error instanceof ElasticsearchException es && es.error() != null
				&& "resource_already_exists_exception".equals(es.error().type());
	}
}
