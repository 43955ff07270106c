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

	private final ElasticsearchAsyncClient elasticsearch;
	private final SearchSettings settings;

	EventIndex(ElasticsearchAsyncClient elasticsearch, SearchSettings settings) {
		this.elasticsearch = elasticsearch;
		this.settings = settings;
	}

	String alias() {
		return settings.alias();
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

	Mono<Void> deleteIfExists(String index) {
		return call(() -> elasticsearch.indices().exists(b -> b.index(index)))
			.flatMap(exists -> exists.value() ? call(() -> elasticsearch.indices().delete(b -> b.index(index))).then() : Mono.empty());
	}

	/** Points the alias at {@code next} and away from every other versioned index, in one atomic step. */
	Mono<Void> swap(String next) {
		return call(() -> elasticsearch.indices().updateAliases(b -> b
			.actions(a -> a.remove(r -> r.index(settings.alias() + "-v*").alias(settings.alias()).mustExist(false)))
			.actions(a -> a.add(add -> add.index(next).alias(settings.alias()))))).then();
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

	/** Bulk-writes a page into a concrete index (the reindex); fails if any item failed. */
	Mono<Void> bulk(String index, List<EventDocument> documents) {
		if (documents.isEmpty()) {
			return Mono.empty();
		}
		List<BulkOperation> operations = documents.stream()
			.map(document -> BulkOperation.of(o -> o.index(i -> i.id(Long.toString(document.id()))
				.versionType(VersionType.ExternalGte).version(document.version()).document(document))))
			.toList();
		return call(() -> elasticsearch.bulk(b -> b.index(index).operations(operations))).flatMap(response -> {
			if (!response.errors()) {
				return Mono.empty();
			}
			var failed = response.items().stream().filter(item -> item.error() != null).findFirst().orElseThrow();
			return Mono.error(new IllegalStateException("Bulk indexing failed for event " + failed.id() + ": " + failed.error().reason()));
		});
	}

	Mono<Void> refresh(String index) {
		return call(() -> elasticsearch.indices().refresh(b -> b.index(index))).then();
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
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ElasticsearchException es && es.status() == 409) {
				return true;
			}
			if (cause instanceof org.elasticsearch.client.ResponseException response
					&& response.getResponse().getStatusLine().getStatusCode() == 409) {
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
