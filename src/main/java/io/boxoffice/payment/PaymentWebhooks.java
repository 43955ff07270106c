package io.boxoffice.payment;

import java.util.Optional;

import org.springframework.web.ErrorResponseException;

/**
 * Checks that a webhook request really comes from Stripe and reads the payment event in it. The HTTP
 * endpoint belongs to the module whose state the event changes, so that its deduplication row commits
 * with the effect; this is only the verification. CPU only (an HMAC and a JSON parse): safe on an event loop.
 */
public interface PaymentWebhooks {

	/**
	 * @param payload the request body exactly as received (the signature covers its bytes; never re-serialize it)
	 * @param signatureHeader the {@code Stripe-Signature} header, {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}
	 * @return the event; empty when it is authentic but of a type payments do not act on (answer 2xx so that
	 *         Stripe stops resending it)
	 * @throws ErrorResponseException 400 {@code /problems/invalid-webhook-signature} when the signature is
	 *         missing, forged, made with another secret or too old, 400 {@code /problems/invalid-webhook-payload}
	 *         when the signed payload is not a readable Stripe event
	 */
	Optional<PaymentEvent> verify(String payload, String signatureHeader);
}
