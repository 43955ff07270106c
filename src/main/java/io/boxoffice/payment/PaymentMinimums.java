package io.boxoffice.payment;

import java.util.Locale;
import java.util.Map;

/**
 * The smallest amount Stripe charges, in the currency's minor unit. A non-zero price under it could never
 * be paid, so the catalog refuses such prices and booking refuses such totals; 0 is free and needs no payment.
 * Stripe's table ("Minimum and maximum charge amounts") lists these; a currency not listed gets
 * {@link #DEFAULT_MINIMUM}, which is Stripe's minimum for most two-decimal currencies.
 */
public final class PaymentMinimums {

	public static final long DEFAULT_MINIMUM = 50;

	private static final Map<String, Long> MINIMUMS = Map.ofEntries(
			Map.entry("USD", 50L), Map.entry("EUR", 50L), Map.entry("GBP", 30L), Map.entry("AUD", 50L),
			Map.entry("CAD", 50L), Map.entry("CHF", 50L), Map.entry("NZD", 50L), Map.entry("SGD", 50L),
			Map.entry("JPY", 50L), Map.entry("DKK", 250L), Map.entry("NOK", 300L), Map.entry("SEK", 300L),
			Map.entry("PLN", 200L), Map.entry("CZK", 1500L), Map.entry("HUF", 17500L), Map.entry("HKD", 400L),
			Map.entry("MXN", 1000L), Map.entry("BRL", 50L), Map.entry("INR", 50L), Map.entry("RON", 200L),
			Map.entry("BGN", 100L), Map.entry("AED", 200L), Map.entry("THB", 1000L), Map.entry("MYR", 200L));

	private PaymentMinimums() {
	}

	/** The minimum for an ISO 4217 code, any case. */
	public static long minimumCents(String currency) {
		return MINIMUMS.getOrDefault(currency.toUpperCase(Locale.ROOT).trim(), DEFAULT_MINIMUM);
	}

	/** Whether Stripe can charge this amount: free (0) needs no charge, anything else must reach the minimum. */
	public static boolean isChargeable(long amountCents, String currency) {
		return amountCents >= minimumCents(currency);
	}
}
