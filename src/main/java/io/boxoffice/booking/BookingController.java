package io.boxoffice.booking;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

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
import org.springframework.web.bind.annotation.RestController;

/** Bookings of the signed-in user (the token's subject); someone else's booking is a 404. */
@RestController
@RequestMapping("/api/bookings")
class BookingController {

	private static final String KEY_PATTERN = "[A-Za-z0-9._:-]{8,100}";

	private final BookingCreation creation;
	private final BookingPayments payments;
	private final BookingCancellation cancellation;

	BookingController(BookingCreation creation, BookingPayments payments, BookingCancellation cancellation) {
		this.creation = creation;
		this.payments = payments;
		this.cancellation = cancellation;
	}

	record CreateBooking(@NotBlank @Size(max = 100) String holdId) {
	}

	record PayBooking(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_]+", message = "must be a payment method id such as pm_card_visa") String paymentMethod) {
	}

	/** 201 with the PENDING booking and the PaymentIntent's client secret; a retry with the same key gets the same. */
	@PostMapping
	Mono<ResponseEntity<BookingView>> create(Principal user, @RequestHeader(name = "Idempotency-Key", required = false) String key,
			@Valid @RequestBody CreateBooking request) {
		return validKey(key).flatMap(k -> creation.create(user.getName(), k, request.holdId()))
			.map(view -> ResponseEntity.created(URI.create("/api/bookings/" + view.bookingId()))
				.cacheControl(CacheControl.noStore())
				.body(view));
	}

	/**
	 * Pays server-side: 200 CONFIRMED; 202 with {@code nextAction: REQUIRES_ACTION} and the client secret when
	 * the card needs 3-D Secure (the webhook confirms later); 402 when declined (pay again with another card).
	 */
	@PostMapping("/{id}/confirm")
	Mono<ResponseEntity<BookingView>> confirm(Principal user, @PathVariable UUID id,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, @Valid @RequestBody PayBooking request) {
		String attempt = key != null && key.matches(KEY_PATTERN) ? key : BookingIds.next().toString();
		return creation.findOwned(user.getName(), id)
			.flatMap(booking -> payments.pay(booking, request.paymentMethod(), attempt))
			.map(view -> ResponseEntity.status(view.nextAction() != null ? HttpStatus.ACCEPTED : HttpStatus.OK)
				.cacheControl(CacheControl.noStore())
				.body(view));
	}

	@GetMapping("/{id}")
	Mono<ResponseEntity<BookingView>> get(Principal user, @PathVariable UUID id) {
		return creation.findOwned(user.getName(), id)
			.map(booking -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(BookingView.of(booking)));
	}

	@GetMapping
	Mono<ResponseEntity<List<BookingView>>> mine(Principal user) {
		return creation.ofUser(user.getName()).map(list -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(list));
	}

	@DeleteMapping("/{id}")
	Mono<BookingView> cancel(Principal user, @PathVariable UUID id) {
		return cancellation.cancel(user.getName(), id);
	}

	private static Mono<String> validKey(String key) {
		return key != null && key.matches(KEY_PATTERN) ? Mono.just(key) : Mono.error(BookingProblems.idempotencyKeyMissing());
	}
}
