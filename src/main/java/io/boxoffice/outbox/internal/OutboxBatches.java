package io.boxoffice.outbox.internal;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * One relay step in one transaction: claim the oldest rows ({@code FOR UPDATE SKIP LOCKED}), send
 * them, wait for every acknowledgement, delete exactly those rows. Any failure rolls back, so the rows
 * stay and are sent again (at-least-once). There is no "highest id sent" mark: ids are taken from a
 * sequence before commit, so rows can become visible out of id order and a mark would skip them.
 */
@Component
class OutboxBatches {

	private final DatabaseClient db;
	private final TransactionalOperator transactions;
	private final ReactorKafka kafka;

	OutboxBatches(DatabaseClient db, TransactionalOperator transactions, ReactorKafka kafka) {
		this.db = db;
		this.transactions = transactions;
		this.kafka = kafka;
	}

	/** Relays up to {@code limit} rows; emits how many were sent. */
	Mono<Integer> relay(int limit) {
		return claim(limit)
			.flatMap(rows -> rows.isEmpty() ? Mono.just(0)
					: kafka.sendAll(rows).then(delete(rows)).thenReturn(rows.size()))
			.as(transactions::transactional);
	}

	private Mono<List<OutboxRow>> claim(int limit) {
		return db.sql("""
				SELECT id, topic, key, type, payload::text AS payload FROM outbox
				ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
			.bind("limit", limit)
			.map((row, meta) -> new OutboxRow(row.get("id", Long.class), row.get("topic", String.class),
					row.get("key", String.class), row.get("type", String.class), row.get("payload", String.class)))
			.all()
			.collectList();
	}

	private Mono<Void> delete(List<OutboxRow> rows) {
		Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
		return db.sql("DELETE FROM outbox WHERE id = ANY(:ids)").bind("ids", ids).then();
	}

	Mono<Long> backlog() {
		return db.sql("SELECT count(*) AS n FROM outbox").map((row, meta) -> row.get("n", Long.class)).one();
	}
}
