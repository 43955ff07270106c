package io.boxoffice.payment.internal;

import com.stripe.StripeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeSettings.class)
class StripeConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StripeConfiguration.class);

	/** One client for the application: it is thread-safe and keeps no per-request state. */
	@Bean
	StripeClient stripeClient(StripeSettings settings) {
		if (settings.secretKey().isBlank()) {
			// Not fatal: browsing and seat maps work without Stripe; payments fail as rejected until it is set.
			log.warn("boxoffice.stripe.secret-key (BOXOFFICE_STRIPE_SECRET_KEY) is not set: payments will fail");
		}
		if (settings.webhookSecret().isBlank()) {
			log.warn("boxoffice.stripe.webhook-secret (BOXOFFICE_STRIPE_WEBHOOK_SECRET) is not set: every webhook will be refused");
		}
		String apiBase = settings.apiBase().toString().replaceAll("/+$", "");
		return StripeClient.builder()
			// The client refuses to build without a key; a placeholder gets a 401, i.e. PaymentRejected, per call.
			.setApiKey(settings.secretKey().isBlank() ? "sk_not_configured" : settings.secretKey())
			.setApiBase(apiBase)
			.setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
			.setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
			.setMaxNetworkRetries(settings.maxNetworkRetries())
			.build();
	}
}
