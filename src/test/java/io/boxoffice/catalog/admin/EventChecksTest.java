package io.boxoffice.catalog.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import io.boxoffice.catalog.Category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventChecksTest {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static EventRequest.PriceTier tier(Long sectionId, String sectionName, int cents, String currency) {
		return new EventRequest.PriceTier(sectionId, sectionName, cents, currency);
	}

	static EventRequest event(Instant startsAt, Instant onSaleAt, List<Long> performers, EventRequest.PriceTier... tiers) {
		return new EventRequest(1L, "Gig", null, Category.CONCERT, startsAt, onSaleAt, null, performers, List.of(tiers));
	}

	static EventRequest valid(EventRequest.PriceTier... tiers) {
		return event(NOW.plus(10, ChronoUnit.DAYS), NOW, List.of(1L, 2L), tiers);
	}

	@Test
	void aValidRequestPasses() {
		EventChecks.beforeWrite(valid(tier(1L, null, 4500, "GBP"), tier(null, "Back", 0, "GBP")), CLOCK);
	}

	@Test
	void anEventThatHasStartedIsInThePast() {
		assertProblem(() -> EventChecks.beforeWrite(event(NOW, NOW.minusSeconds(60), List.of(), tier(1L, null, 1, "GBP")), CLOCK),
				"/problems/event-in-the-past", "startsAt");
	}

	@Test
	void goingOnSaleAfterTheStartIsInvalid() {
		Instant start = NOW.plus(1, ChronoUnit.DAYS);
		assertProblem(() -> EventChecks.beforeWrite(event(start, start.plusSeconds(1), List.of(), tier(1L, null, 1, "GBP")), CLOCK),
				"/problems/validation-failed", "onSaleAt");
	}

	@Test
	void currenciesMustBeIsoAndTheSameForEveryTier() {
		assertProblem(() -> EventChecks.beforeWrite(valid(tier(1L, null, 1, "XYZ")), CLOCK),
				"/problems/validation-failed", "priceTiers[0].currency");
		assertProblem(() -> EventChecks.beforeWrite(valid(tier(1L, null, 1, "GBP"), tier(2L, null, 1, "EUR")), CLOCK),
				"/problems/validation-failed", "priceTiers[1].currency");
	}

	@Test
	void aPriceIsFreeOrAtLeastTheSmallestCardPaymentInItsCurrency() {
		EventChecks.beforeWrite(valid(tier(1L, null, 0, "USD"), tier(2L, null, 50, "USD")), CLOCK);
		EventChecks.beforeWrite(valid(tier(1L, null, 30, "GBP")), CLOCK);

		assertProblem(() -> EventChecks.beforeWrite(valid(tier(1L, null, 4500, "USD"), tier(2L, null, 49, "USD")), CLOCK),
				"/problems/price-below-payment-minimum", "priceTiers[1].priceCents");
		assertProblem(() -> EventChecks.beforeWrite(valid(tier(1L, null, 29, "GBP")), CLOCK),
				"/problems/price-below-payment-minimum", "priceTiers[0].priceCents");
	}

	@Test
	void aTierNamesItsSectionExactlyOnce() {
		assertProblem(() -> EventChecks.beforeWrite(valid(tier(1L, "Front", 1, "GBP")), CLOCK),
				"/problems/validation-failed", "priceTiers[0]");
		assertProblem(() -> EventChecks.beforeWrite(valid(tier(null, null, 1, "GBP")), CLOCK),
				"/problems/validation-failed", "priceTiers[0]");
	}

	@Test
	void aPerformerListedTwiceIsNamed() {
		assertProblem(() -> EventChecks.beforeWrite(event(NOW.plusSeconds(3600), NOW, List.of(7L, 8L, 7L), tier(1L, null, 1, "GBP")), CLOCK),
				"/problems/validation-failed", "performerIds[2]");
	}

	@Test
	void tiersResolveByIdOrNameAndUnknownOrRepeatedSectionsAreNamed() {
		Map<Long, String> sections = Map.of(10L, "Front", 11L, "Back");

		assertThat(EventChecks.resolve(valid(tier(10L, null, 100, "GBP"), tier(null, "Back", 50, "GBP")), sections))
			.containsExactly(new EventChecks.Tier(10L, 100, "GBP"), new EventChecks.Tier(11L, 50, "GBP"));
		assertProblem(() -> EventChecks.resolve(valid(tier(99L, null, 1, "GBP")), sections), "/problems/unknown-section",
				"priceTiers[0].sectionId");
		assertProblem(() -> EventChecks.resolve(valid(tier(10L, null, 1, "GBP"), tier(null, "Gallery", 1, "GBP")), sections),
				"/problems/unknown-section", "priceTiers[1].sectionName");
		assertProblem(() -> EventChecks.resolve(valid(tier(10L, null, 1, "GBP"), tier(null, "Front", 2, "GBP")), sections),
				"/problems/duplicate-price-tier", "priceTiers[1]");
	}

	private static void assertProblem(Runnable check, String type, String field) {
		assertThatThrownBy(check::run).isInstanceOfSatisfying(ErrorResponseException.class, problem -> {
			assertThat(problem.getBody().getType().toString()).isEqualTo(type);
			assertThat(problem.getStatusCode().value()).isEqualTo(400);
			@SuppressWarnings("unchecked")
			var errors = (List<AdminProblems.FieldError>) problem.getBody().getProperties().get("errors");
			assertThat(errors).extracting(AdminProblems.FieldError::field).contains(field);
		});
	}
}
