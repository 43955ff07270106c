package io.boxoffice.catalog.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.boxoffice.payment.PaymentMinimums;
import io.boxoffice.payment.PaymentProblems;

/** The checks on an event request beyond bean validation: those that need no database, and the tier resolution. */
final class EventChecks {

	private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
		.map(Currency::getCurrencyCode)
		.collect(Collectors.toUnmodifiableSet());

	/** A price tier with its section resolved against the venue. */
	record Tier(long sectionId, int priceCents, String currency) {
	}

	private EventChecks() {
	}

	/**
	 * The instants an event may have. JSON allows any year in a billion; Postgres stores up to 294276 AD and failed
	 * the insert (a 500) past it, and no event is sold centuries ahead.
	 */
	static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	/** Everything that can be checked before the transaction; throws the first kind of problem found. */
	static void beforeWrite(EventRequest request, Clock clock) {
		var errors = new ArrayList<AdminProblems.FieldError>();
		checkRange("startsAt", request.startsAt(), errors);
		checkRange("onSaleAt", request.onSaleAt(), errors);
		AdminProblems.throwIfAny(errors, AdminProblems.VALIDATION_FAILED, "Validation failed");
		if (request.onSaleAt().isAfter(request.startsAt())) {
			errors.add(new AdminProblems.FieldError("onSaleAt", "must not be after startsAt"));
		}
		List<Long> performers = request.performers();
		for (int i = 0; i < performers.size(); i++) {
			if (performers.indexOf(performers.get(i)) < i) {
				errors.add(new AdminProblems.FieldError("performerIds[" + i + "]", "lists performer " + performers.get(i) + " twice"));
			}
		}
		List<EventRequest.PriceTier> tiers = request.priceTiers();
		String currency = tiers.get(0).currency();
		for (int i = 0; i < tiers.size(); i++) {
			var tier = tiers.get(i);
			if ((tier.sectionId() == null) == (tier.sectionName() == null)) {
				errors.add(new AdminProblems.FieldError("priceTiers[" + i + "]", "must name its section by exactly one of sectionId or sectionName"));
			}
			if (!CURRENCIES.contains(tier.currency())) {
				errors.add(new AdminProblems.FieldError("priceTiers[" + i + "].currency", "'" + tier.currency() + "' is not an ISO 4217 currency"));
			}
			else if (!tier.currency().equals(currency)) {
				errors.add(new AdminProblems.FieldError("priceTiers[" + i + "].currency",
						"must be " + currency + " like priceTiers[0]: an event sells in one currency"));
			}
		}
		AdminProblems.throwIfAny(errors, AdminProblems.VALIDATION_FAILED, "Validation failed");
		if (!request.startsAt().isAfter(clock.instant())) {
			throw AdminProblems.invalid(AdminProblems.EVENT_IN_THE_PAST, "Event in the past", "startsAt",
					"is " + request.startsAt() + ", which is not in the future");
		}
		AdminProblems.throwIfAny(unchargeable(tiers), PaymentProblems.PRICE_BELOW_PAYMENT_MINIMUM, "Price below the payment minimum");
	}

	/** A price may be 0 (free, no payment) or at least what Stripe charges in its currency: anything between could never be paid. */
	private static List<AdminProblems.FieldError> unchargeable(List<EventRequest.PriceTier> tiers) {
		var errors = new ArrayList<AdminProblems.FieldError>();
		for (int i = 0; i < tiers.size(); i++) {
			var tier = tiers.get(i);
			if (tier.priceCents() > 0 && !PaymentMinimums.isChargeable(tier.priceCents(), tier.currency())) {
				errors.add(new AdminProblems.FieldError("priceTiers[" + i + "].priceCents", "must be 0 (free) or at least "
						+ PaymentMinimums.minimumCents(tier.currency()) + ", the smallest card payment in " + tier.currency()));
			}
		}
		return errors;
	}

	private static void checkRange(String field, Instant instant, List<AdminProblems.FieldError> errors) {
		if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
			errors.add(new AdminProblems.FieldError(field, "must be between " + EARLIEST + " and " + LATEST));
		}
	}

	/** Resolves each tier's section among the venue's (id → name); unknown sections first, then duplicates. */
	static List<Tier> resolve(EventRequest request, Map<Long, String> sections) {
		Map<String, Long> byName = new HashMap<>();
		sections.forEach((id, name) -> byName.put(name, id));
		var unknown = new ArrayList<AdminProblems.FieldError>();
		var duplicates = new ArrayList<AdminProblems.FieldError>();
		Map<Long, Integer> seen = new HashMap<>();
		var resolved = new ArrayList<Tier>();
		List<EventRequest.PriceTier> tiers = request.priceTiers();
		for (int i = 0; i < tiers.size(); i++) {
			var tier = tiers.get(i);
			Long sectionId = tier.sectionId() != null ? (sections.containsKey(tier.sectionId()) ? tier.sectionId() : null)
					: byName.get(tier.sectionName());
			if (sectionId == null) {
				unknown.add(tier.sectionId() != null
						? new AdminProblems.FieldError("priceTiers[" + i + "].sectionId", "venue " + request.venueId() + " has no section " + tier.sectionId())
						: new AdminProblems.FieldError("priceTiers[" + i + "].sectionName", "venue " + request.venueId() + " has no section named '" + tier.sectionName() + "'"));
				continue;
			}
			Integer earlier = seen.putIfAbsent(sectionId, i);
			if (earlier != null) {
				duplicates.add(new AdminProblems.FieldError("priceTiers[" + i + "]",
						"prices section '" + sections.get(sectionId) + "' again (priceTiers[" + earlier + "] already does)"));
			}
			resolved.add(new Tier(sectionId, tier.priceCents(), tier.currency()));
		}
		AdminProblems.throwIfAny(unknown, AdminProblems.UNKNOWN_SECTION, "Unknown section");
		AdminProblems.throwIfAny(duplicates, AdminProblems.DUPLICATE_PRICE_TIER, "Duplicate price tier");
		return resolved;
	}
}
