package io.boxoffice.booking;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.boxoffice.payment.PaymentWebhooks;

/**
 * {@code POST /api/payments/stripe/webhook}: verified by its {@code Stripe-Signature} (a forged or stale one is a
 * 400), then applied exactly once. Any 2xx tells Stripe to stop resending; an error makes it retry later.
 */
@RestController
class StripeWebhookController {

	private final PaymentWebhooks webhooks;
	private final PaymentEventHandling handling;

	StripeWebhookController(PaymentWebhooks webhooks, PaymentEventHandling handling) {
		this.webhooks = webhooks;
		this.handling = handling;
	}

	@PostMapping(path = "/api/payments/stripe/webhook", consumes = "application/json")
	@io.swagger.v3.oas.annotations.Operation(operationId = "receiveStripeEvent", summary = "Stripe webhook (signed by Stripe)")
	Mono<Map<String, Object>> receive(@RequestBody String payload,
			@RequestHeader(name = "Stripe-Signature", required = false) String signature) {
		return Mono.fromCallable(() -> webhooks.verify(payload, signature))
			.flatMap(event -> event.map(handling::apply).orElse(Mono.just("ignored")))
			.map(outcome -> Map.of("received", true, "outcome", outcome));
	}
}
