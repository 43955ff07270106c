package io.boxoffice.search.internal;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/search/reindex} (ADMIN): starts a full rebuild and answers 202; progress is in the log. */
@RestController
class ReindexController {

	private static final Logger log = LoggerFactory.getLogger(ReindexController.class);

	private final Reindexer reindexer;

	ReindexController(Reindexer reindexer) {
		this.reindexer = reindexer;
	}

	@PostMapping("/api/admin/search/reindex")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "Started; progress in the log", useReturnTypeSchema = true)
	@io.swagger.v3.oas.annotations.Operation(operationId = "reindexSearch", summary = "Rebuild the search index and swap the alias")
	Mono<ResponseEntity<Map<String, String>>> reindex() {
		if (reindexer.isRunning()) {
			return Mono.error(SearchProblems.reindexRunning());
		}
		return Mono.fromRunnable(() -> reindexer.reindex()
				.subscribe(result -> { }, error -> log.error("Reindex failed", error)))
			.thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(Map.of("status", "started", "detail", "Rebuilding the search index; progress is in the log")));
	}
}
