package io.boxoffice.queue;

import java.security.Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.boxoffice.catalog.CatalogProblems;
import io.boxoffice.catalog.QueuedEvents;

/**
 * {@code /api/admin/events/{id}/queue}: an event's waiting-room mode and pace. The mode is stored with the event
 * (the event view shows it) and, with the pace, in Redis, where every instance reads it within a second.
 */
@RestController
class QueueAdminController {

	private static final Logger log = LoggerFactory.getLogger(QueueAdminController.class);

	private final QueuedEvents events;
	private final QueueConfigs configs;

	QueueAdminController(QueuedEvents events, QueueConfigs configs) {
		this.events = events;
		this.configs = configs;
	}

	/** Absent pace fields keep their current values; {@code maxActiveBuyers} absent means no cap. */
	record QueueRequest(@NotNull @Pattern(regexp = "OFF|ON|AUTO", message = "must be OFF, ON or AUTO") String mode,
			@Positive @DecimalMax("100000") Double admitsPerSecond, @Positive @Max(1_000_000) Integer burst,
			@Positive @Max(10_000_000) Integer maxActiveBuyers) {
	}

	record QueueView(long eventId, String mode, double admitsPerSecond, int burst,
			@io.swagger.v3.oas.annotations.media.Schema(nullable = true) Integer maxActiveBuyers) {

		static QueueView of(LiveSettings live) {
			return new QueueView(live.eventId(), live.mode().name(), live.admitsPerSecond(), live.burst(),
					live.maxActiveBuyers() == 0 ? null : live.maxActiveBuyers());
		}
	}

	@GetMapping("/api/admin/events/{id}/queue")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getQueueSettings", summary = "An event's waiting-room settings")
	Mono<QueueView> settings(@PathVariable long id) {
		return configs.current(id).map(QueueView::of);
	}

	@PutMapping("/api/admin/events/{id}/queue")
	@io.swagger.v3.oas.annotations.Operation(operationId = "updateQueueSettings", summary = "Change an event's waiting-room settings")
	Mono<QueueView> change(@PathVariable long id, @Valid @RequestBody QueueRequest request, Principal admin) {
		QueueMode mode = QueueMode.valueOf(request.mode());
		return configs.current(id)
			.flatMap(current -> events.recordMode(id, mode.name())
				.flatMap(found -> found ? Mono.just(current) : Mono.error(CatalogProblems.eventNotFound(id))))
			.flatMap(current -> configs.store(id, mode,
					request.admitsPerSecond() == null ? current.admitsPerSecond() : request.admitsPerSecond(),
					request.burst() == null ? current.burst() : request.burst(),
					request.maxActiveBuyers() == null ? 0 : request.maxActiveBuyers()))
			.then(Mono.defer(() -> configs.current(id)))
			.map(QueueView::of)
			.doOnNext(view -> log.info("{} set the waiting room of event {} to {}", admin.getName(), id, view));
	}
}
