package io.boxoffice.catalog.admin;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Creates and updates performers. Names are unique (the schema says so): a taken name is a 409. Renaming a
 * performer changes every event they play (its view, its search document), so an update bumps those events'
 * versions, writes their outbox rows and invalidates their cached views, like any event change.
 */
@Service
class Performers {

	record PerformerRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 60) String genre,
			@Size(max = 5000) String bio) {
	}

	record Performer(long id, String name, String genre, String bio) {
	}

	private final DatabaseClient db;
	private final EventChanges changes;
	private final TransactionalOperator transactions;

	Performers(DatabaseClient db, EventChanges changes, TransactionalOperator transactions) {
		this.db = db;
		this.changes = changes;
		this.transactions = transactions;
	}

	Mono<Performer> create(PerformerRequest request) {
		return db.sql("""
				INSERT INTO performer (name, genre, bio) VALUES (:name, :genre, :bio)
				ON CONFLICT (name) DO NOTHING RETURNING id, name, genre, bio
				""")
			.bind("name", request.name().trim())
			.bind("genre", request.genre().trim())
			.bind("bio", request.bio() == null ? "" : request.bio())
			.map((row, meta) -> performer(row))
			.one()
			.switchIfEmpty(Mono.error(() -> nameTaken(request.name())));
	}

	Mono<Performer> update(long performerId, PerformerRequest request) {
		Mono<List<EventChanges.Changed>> write = find(performerId)
			.then(db.sql("UPDATE performer SET name = :name, genre = :genre, bio = :bio WHERE id = :id")
				.bind("id", performerId)
				.bind("name", request.name().trim())
				.bind("genre", request.genre().trim())
				.bind("bio", request.bio() == null ? "" : request.bio())
				.then())
			.onErrorMap(DuplicateKeyException.class, taken -> nameTaken(request.name()))
			.then(touchEvents(performerId))
			.flatMap(changed -> changes.record(EventChanges.UPDATED, changed).thenReturn(changed));
		return transactions.transactional(write).flatMap(changes::committed).then(find(performerId));
	}

	Mono<Performer> find(long performerId) {
		return db.sql("SELECT id, name, genre, bio FROM performer WHERE id = :id")
			.bind("id", performerId)
			.map((row, meta) -> performer(row))
			.one()
			.switchIfEmpty(Mono.error(() -> AdminProblems.notFound(AdminProblems.PERFORMER_NOT_FOUND, "Performer", performerId)));
	}

	private Mono<List<EventChanges.Changed>> touchEvents(long performerId) {
		return db.sql("""
				UPDATE event SET version = version + 1, updated_at = now()
				WHERE id IN (SELECT event_id FROM event_performer WHERE performer_id = :id)
				RETURNING id, version, starts_at
				""")
			.bind("id", performerId)
			.map((row, meta) -> new EventChanges.Changed(row.get("id", Long.class), row.get("version", Long.class),
					row.get("starts_at", Instant.class)))
			.all()
			.collectList();
	}

	private static Performer performer(io.r2dbc.spi.Readable row) {
		return new Performer(row.get("id", Long.class), row.get("name", String.class), row.get("genre", String.class),
				row.get("bio", String.class));
	}

	private static RuntimeException nameTaken(String name) {
		return AdminProblems.conflict(AdminProblems.PERFORMER_NAME_TAKEN, "Performer name taken",
				"There already is a performer named '" + name.trim() + "'");
	}
}
