package io.boxoffice.payment.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach Stripe ({@code boxoffice.stripe.*}, e.g. {@code BOXOFFICE_STRIPE_SECRET_KEY}).
 *
 * @param apiBase Stripe's API, or a local fake of it in tests and the demo
 * @param readTimeout per HTTP attempt; Stripe's client retries failed attempts up to {@code maxNetworkRetries} times
 * @param callTimeout what a caller waits at most for one operation, retries included
 * @param webhookTolerance how old a webhook's signature timestamp may be (replay protection)
 * @param schedulerThreads how many Stripe calls may block at once; more wait in a queue of {@code schedulerQueue}
 */
@ConfigurationProperties("boxoffice.stripe")
public record StripeSettings(
		@DefaultValue("https://api.stripe.com") URI apiBase,
		@DefaultValue("") String secretKey,
		@DefaultValue("") String webhookSecret,
		@DefaultValue("5m") Duration webhookTolerance,
		@DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("20s") Duration readTimeout,
		@DefaultValue("30s") Duration callTimeout,
		@DefaultValue("2") int maxNetworkRetries,
		@DefaultValue("32") int schedulerThreads,
		@DefaultValue("1000") int schedulerQueue) {

	@Override
	public String toString() {
		// Never print the secrets.
		return "StripeSettings[apiBase=" + apiBase + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
				+ ", callTimeout=" + callTimeout + ", maxNetworkRetries=" + maxNetworkRetries + ", schedulerThreads="
				+ schedulerThreads + ", schedulerQueue=" + schedulerQueue + "]";
	}
}
