package io.boxoffice.booking;

import java.net.URI;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.boxoffice.edge.QueryParameters;

/** Bookings of the signed-in user (the token's subject); someone else's booking is a 404. */
@RestController
@RequestMapping("/api/bookings")
class BookingController {

	private static final String KEY_PATTERN = "[A-Za-z0-9._:-]{8,100}";
	private static final String JSON = "application/json";

	private final BookingCreation creation;
	private final BookingPayments payments;
	private final BookingCancellation cancellation;
	private final BookingDetails details;

	BookingController(BookingCreation creation, BookingPayments payments, BookingCancellation cancellation, BookingDetails details) {
		this.creation = creation;
		this.payments = payments;
		this.cancellation = cancellation;
		this.details = details;
	}

	static final int DEFAULT_PAGE = 20;
	static final int MAX_PAGE = 100;
	static final Set<String> LIST_PARAMETERS = Set.of("cursor", "limit");

	record CreateBooking(@NotBlank @Size(max = 100) String holdId) {
	}

	record PayBooking(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_]+", message = "must be a payment method id such as pm_card_visa") String paymentMethod) {
	}

	/** 201 with the PENDING booking and the PaymentIntent's client secret; a retry with the same key gets the same. */
	@PostMapping
	@Operation(operationId = "createBooking", summary = "Book the caller's hold: a PENDING booking with the payment's client secret", responses = {
			@ApiResponse(responseCode = "201", description = "Created PENDING (or the booking this key created before)",
					content = @Content(mediaType = JSON, schema = @Schema(implementation = BookingView.class))) })
	Mono<ResponseEntity<BookingView>> create(Principal user,
			@Parameter(required = true, description = "Makes a retried create answer the same booking", schema = @Schema(pattern = KEY_PATTERN))
			@RequestHeader(name = "Idempotency-Key", required = false) String key,
			@Valid @RequestBody CreateBooking request) {
		return validKey(key).flatMap(k -> creation.create(user.getName(), k, request.holdId()))
			.flatMap(details::describe)
			.map(view -> ResponseEntity.created(URI.create("/api/bookings/" + view.bookingId()))
				.cacheControl(CacheControl.noStore())
				.body(view));
	}

	/**
	 * Pays server-side: 200 CONFIRMED; 202 with {@code nextAction: REQUIRES_ACTION} and the client secret when
	 * the card needs 3-D Secure (the webhook confirms later); 402 when declined (pay again with another card).
	 */
	@PostMapping("/{id}/confirm")
	@Operation(operationId = "confirmBooking", summary = "Pay a PENDING booking server-side with a payment method", responses = {
			@ApiResponse(responseCode = "200", description = "CONFIRMED",
					content = @Content(mediaType = JSON, schema = @Schema(implementation = BookingView.class))),
			@ApiResponse(responseCode = "202", description = "3-D Secure needed: nextAction REQUIRES_ACTION and the client secret; the webhook confirms",
					content = @Content(mediaType = JSON, schema = @Schema(implementation = BookingView.class))) })
	Mono<ResponseEntity<BookingView>> confirm(Principal user, @PathVariable UUID id,
			@Parameter(description = "Makes a retried payment attempt the same attempt (one is made up when absent)", schema = @Schema(pattern = KEY_PATTERN))
			@RequestHeader(name = "Idempotency-Key", required = false) String key, @Valid @RequestBody PayBooking request) {
		String attempt = key != null && key.matches(KEY_PATTERN) ? key : BookingIds.next().toString();
		return creation.findOwned(user.getName(), id)
			.flatMap(booking -> payments.pay(booking, request.paymentMethod(), attempt))
			.flatMap(view -> details.describe(view))
			.map(view -> ResponseEntity.status(view.nextAction() != null ? HttpStatus.ACCEPTED : HttpStatus.OK)
				.cacheControl(CacheControl.noStore())
				.body(view));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getBooking", summary = "The caller's booking with its event and seats")
	Mono<ResponseEntity<BookingView>> get(Principal user, @PathVariable UUID id) {
		return creation.findOwned(user.getName(), id)
			.flatMap(booking -> details.describe(BookingView.of(booking)))
			.map(view -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view));
	}

	@GetMapping
	@Operation(operationId = "listBookings", summary = "The caller's bookings, newest first, in pages")
	Mono<ResponseEntity<BookingPage>> mine(Principal user,
			@Parameter(description = "The 'next' of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = "Bookings per page", schema = @Schema(minimum = "1", maximum = "" + MAX_PAGE, defaultValue = "" + DEFAULT_PAGE))
			@RequestParam(required = false) Integer limit,
			ServerWebExchange exchange) {
		return Mono.defer(() -> {
			QueryParameters.requireKnown(exchange.getRequest().getQueryParams(), LIST_PARAMETERS);
			int pageSize = limit == null ? DEFAULT_PAGE : limit;
			if (pageSize < 1 || pageSize > MAX_PAGE) {
				return Mono.error(BookingProblems.invalidParameter("limit", "'limit' must be between 1 and " + MAX_PAGE));
			}
			BookingCursor after = cursor == null || cursor.isBlank() ? null : BookingCursor.decode(cursor);
			return creation.ofUser(user.getName(), after, pageSize);
		}).map(page -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "cancelBooking", summary = "Cancel the caller's booking: a PENDING one is released, a CONFIRMED one refunded until the cut-off")
	Mono<BookingView> cancel(Principal user, @PathVariable UUID id) {
		return cancellation.cancel(user.getName(), id).flatMap(details::describe);
	}

	private static Mono<String> validKey(String key) {
		return key != null && key.matches(KEY_PATTERN) ? Mono.just(key) : Mono.error(BookingProblems.idempotencyKeyMissing());
	}
}
