package io.boxoffice.support.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.generated.ApiClient;
import io.boxoffice.generated.ApiException;
import io.boxoffice.generated.api.BookingsApi;
import io.boxoffice.generated.api.EventsApi;
import io.boxoffice.generated.api.HoldsApi;
import io.boxoffice.generated.api.TicketsApi;
import io.boxoffice.generated.model.BookedSeat;
import io.boxoffice.generated.model.BookingView;
import io.boxoffice.generated.model.CreateBooking;
import io.boxoffice.generated.model.EventSummary;
import io.boxoffice.generated.model.HoldRequest;
import io.boxoffice.generated.model.HoldView;
import io.boxoffice.generated.model.PayBooking;
import io.boxoffice.generated.model.SeatMapSection;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A buyer's whole flow through the Java client that the build generates from the kept OpenAPI document
 * (openapi-generator, {@code java}/{@code native}; docs/api.md, "Contract"): find the event, read its seat map, hold
 * two seats, book, pay, and find the booking with its seats and tickets. The client reads every answer into its
 * generated types, so an answer the document does not describe fails here as it would for an integrator.
 */
@IntegrationTest
class GeneratedClientIT {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Test
	void aGeneratedClientFindsHoldsBooksPaysAndListsTheBookingWithItsSeatsAndTickets() throws ApiException {
		String city = CatalogFixtures.unique("Clientville");
		TestEvent event = new CatalogFixtures(db).event("Generated", city, Category.CONCERT, Instant.now().plus(Duration.ofDays(20)));
		ApiClient anonymous = client(null);
		ApiClient buyer = client(tokens.user("generated-client-" + UUID.randomUUID()));

		List<EventSummary> listed = new EventsApi(anonymous).listEvents(null, null, city, null, null).getItems();
		assertThat(listed).extracting(EventSummary::getId).containsExactly(event.id());
		assertThat(listed.get(0).getVenue().getCity()).isEqualTo(city);
		assertThat(new EventsApi(anonymous).getEvent(event.id()).getOnSale()).isTrue();

		SeatMapSection section = new EventsApi(anonymous).getSeatMap(event.id(), null).getSections().get(0);
		List<Long> seatIds = section.getRows().get(0).getSeats().stream().limit(2).map(seat -> seat.get(0).longValue()).toList();
		assertThat(seatIds).hasSize(2);

		HoldView hold = new HoldsApi(buyer).hold(new HoldRequest().eventId(event.id()).seatIds(seatIds), null, null);
		assertThat(hold.getSeats()).containsExactlyInAnyOrderElementsOf(seatIds);
		assertThat(new HoldsApi(buyer).listHolds().getItems()).extracting(HoldView::getHoldId).contains(hold.getHoldId());

		BookingsApi bookings = new BookingsApi(buyer);
		BookingView pending = bookings.createBooking("generated-" + UUID.randomUUID(), new CreateBooking().holdId(hold.getHoldId()));
		assertThat(pending.getStatus()).isEqualTo(BookingView.StatusEnum.PENDING);
		BookingView paid = bookings.confirmBooking(pending.getBookingId(), new PayBooking().paymentMethod("pm_card_visa"), null);
		assertThat(paid.getStatus()).isEqualTo(BookingView.StatusEnum.CONFIRMED);

		BookingView found = bookings.getBooking(pending.getBookingId());
		assertThat(found.getEvent().getName()).isEqualTo(listed.get(0).getName());
		assertThat(found.getEvent().getTimeZone()).isNotBlank();
		assertThat(found.getSeats()).extracting(BookedSeat::getSeatId).containsExactlyInAnyOrderElementsOf(seatIds);
		assertThat(found.getSeats()).allSatisfy(seat -> assertThat(seat.getSection()).isEqualTo(section.getName()));
		assertThat(bookings.listBookings(null, null).getItems()).extracting(BookingView::getBookingId).contains(pending.getBookingId());
		assertThat(new TicketsApi(buyer).listTickets(pending.getBookingId())).hasSize(2);

		// A problem answer reaches the client as its status, not as a parse failure.
		assertThatThrownBy(() -> new HoldsApi(client(tokens.user("generated-rival-" + UUID.randomUUID())))
			.hold(new HoldRequest().eventId(event.id()).seatIds(seatIds), null, null))
			.isInstanceOfSatisfying(ApiException.class, failure -> assertThat(failure.getCode()).isEqualTo(409));
	}

	private ApiClient client(String token) {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://localhost:" + port);
		if (token != null) {
			client.setRequestInterceptor(request -> request.header("Authorization", TestTokens.bearer(token)));
		}
		return client;
	}
}
