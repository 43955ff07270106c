package io.boxoffice.catalog.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.catalog.EventDetails;
import io.boxoffice.catalog.EventViews;
import io.boxoffice.catalog.QueueModeListener;

/**
 * Creates and replaces events. One transaction per write: the event row (a new version), its line-up, its price
 * tiers and its outbox row; the cached view is invalidated after the commit. References in the body (venue,
 * performers, sections) are resolved inside the transaction, so anything unknown rolls the whole write back.
 */
@Service
class EventManagement {

	private final EventWrites writes;
	private final EventChanges changes;
	private final EventViews views;
	private final TransactionalOperator transactions;
	private final Clock clock;
	private final ObjectProvider<QueueModeListener> queueModes;

	EventManagement(EventWrites writes, EventChanges changes, EventViews views, TransactionalOperator transactions,
			Clock clock, ObjectProvider<QueueModeListener> queueModes) {
		this.queueModes = queueModes;
		this.writes = writes;
		this.changes = changes;
		this.views = views;
		this.transactions = transactions;
		this.clock = clock;
	}

	Mono<EventDetails> create(EventRequest request) {
		return Mono.defer(() -> {
			EventChecks.beforeWrite(request, clock);
			Mono<EventChanges.Changed> write = writes.venueSections(request.venueId())
				.flatMap(sections -> writes.insert(request)
					.flatMap(created -> lineUpAndPrices(created, request, sections)))
				.flatMap(created -> changes.record(EventChanges.CREATED, List.of(created)).thenReturn(created));
			return transactions.transactional(write).flatMap(changed -> afterCommit(changed, request.queueModeOrDefault()));
		});
	}

	/** Price changes apply to future sales only: a sold ticket keeps the price it was sold at. */
	Mono<EventDetails> update(long eventId, EventRequest request) {
		return Mono.defer(() -> {
			EventChecks.beforeWrite(request, clock);
			Mono<EventChanges.Changed> write = writes.lock(eventId)
				.flatMap(currentVenue -> currentVenue == request.venueId().longValue() ? Mono.just(true)
						: writes.hasSales(eventId).flatMap(sold -> sold ? Mono.error(venueLocked(eventId)) : Mono.just(true)))
				.then(writes.venueSections(request.venueId()))
				.flatMap(sections -> writes.update(eventId, request)
					.flatMap(updated -> lineUpAndPrices(updated, request, sections)))
				.flatMap(updated -> changes.record(EventChanges.UPDATED, List.of(updated)).thenReturn(updated));
			return transactions.transactional(write).flatMap(changed -> afterCommit(changed, request.queueModeOrDefault()));
		});
	}

	private Mono<EventChanges.Changed> lineUpAndPrices(EventChanges.Changed event, EventRequest request,
			java.util.Map<Long, String> sections) {
		return writes.unknownPerformers(request.performers())
			.flatMap(unknown -> unknown.isEmpty() ? writes.replacePerformers(event.eventId(), request.performers())
					: Mono.error(unknownPerformers(request.performers(), unknown)))
			.then(Mono.fromCallable(() -> EventChecks.resolve(request, sections)))
			.flatMap(tiers -> writes.replaceTiers(event.eventId(), tiers))
			.thenReturn(event);
	}

	private Mono<EventDetails> afterCommit(EventChanges.Changed changed, String queueMode) {
		QueueModeListener listener = queueModes.getIfAvailable();
		Mono<Void> liveMode = listener == null ? Mono.empty() : listener.queueModeStored(changed.eventId(), queueMode);
		return changes.committed(List.of(changed)).then(liveMode).then(views.details(changed.eventId()));
	}

	private static RuntimeException unknownPerformers(List<Long> requested, List<Long> unknown) {
		var errors = new ArrayList<AdminProblems.FieldError>();
		for (int i = 0; i < requested.size(); i++) {
			if (unknown.contains(requested.get(i))) {
				errors.add(new AdminProblems.FieldError("performerIds[" + i + "]", "there is no performer with id " + requested.get(i)));
			}
		}
		return AdminProblems.invalid(AdminProblems.UNKNOWN_PERFORMER, "Unknown performer", errors);
	}

	private static RuntimeException venueLocked(long eventId) {
		return AdminProblems.conflict(AdminProblems.EVENT_HAS_SALES, "Event has sales", "Event " + eventId
				+ " has sold tickets or bookings in progress for seats at its venue, so it cannot move to another venue");
	}
}
