package io.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.boxoffice.booking.BookingJobs.BookingMail;
import io.boxoffice.booking.BookingJobs.MarkSold;
import io.boxoffice.booking.BookingJobs.PaymentJob;
import io.boxoffice.booking.BookingJobs.ReleaseHold;
import io.boxoffice.booking.BookingJobs.Unsell;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed job payloads and outbox events have the JSON the {@code Map.of} payloads had: rows written before them
 * still parse, and consumers (the mail module, the search indexer) read the same fields.
 */
class BookingPayloadsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final UUID ID = UUID.fromString("5b0e7c39-5d4c-4f0e-9f39-2a3c0d6f1e11");
	private static final Booking BOOKING = new Booking(ID, "ann", 42L, BookingStatus.CONFIRMED, 9000, "EUR", "pi_123",
			"hold-7", Instant.EPOCH, Instant.EPOCH, null, null, null,
			List.of(new Booking.Item(101L, 4500), new Booking.Item(102L, 4500)));

	@Test
	void eachJobPayloadWritesWhatTheOldMapWrote() {
		assertSameJson(PaymentJob.of(BOOKING), Map.of("bookingId", ID.toString(), "paymentIntentId", "pi_123"));
		assertSameJson(MarkSold.of(BOOKING), Map.of("eventId", 42L, "holdId", "hold-7", "seatIds", List.of(101L, 102L)));
		assertSameJson(Unsell.of(BOOKING), Map.of("eventId", 42L, "seatIds", List.of(101L, 102L)));
		assertSameJson(ReleaseHold.of(BOOKING), Map.of("eventId", 42L, "holdId", "hold-7", "userId", "ann"));
		assertSameJson(BookingMail.of(BOOKING), Map.of("bookingId", ID.toString(), "userId", "ann", "eventId", 42L,
				"seatIds", List.of(101L, 102L), "amountCents", 9000L, "currency", "EUR"));
	}

	@Test
	void eachOutboxEventWritesWhatTheOldMapWroteUnderItsOldType() {
		Map<String, Object> old = Map.of("bookingId", ID.toString(), "eventId", 42L, "seatIds", List.of(101L, 102L));
		assertSameJson(BookingConfirmed.of(BOOKING), old);
		assertSameJson(BookingCancelled.of(BOOKING), old);
		assertThat(BookingConfirmed.of(BOOKING).type()).isEqualTo("BookingConfirmed");
		assertThat(BookingCancelled.of(BOOKING).type()).isEqualTo("BookingCancelled");
	}

	@Test
	void jobRowsWrittenBeforeTheRecordsParseIntoThem() {
		// As Postgres hands back the old rows' jsonb (keys reordered; whole numbers without a type).
		assertThat(read("{\"bookingId\": \"" + ID + "\", \"paymentIntentId\": \"pi_123\"}", PaymentJob.class))
			.isEqualTo(new PaymentJob(ID, "pi_123"));
		assertThat(read("{\"holdId\": \"hold-7\", \"eventId\": 42, \"seatIds\": [101, 102]}", MarkSold.class))
			.isEqualTo(new MarkSold(42L, "hold-7", List.of(101L, 102L)));
		assertThat(read("{\"eventId\": 42, \"seatIds\": [101, 102]}", Unsell.class)).isEqualTo(new Unsell(42L, List.of(101L, 102L)));
		assertThat(read("{\"holdId\": \"hold-7\", \"userId\": \"ann\", \"eventId\": 42}", ReleaseHold.class))
			.isEqualTo(new ReleaseHold(42L, "hold-7", "ann"));
		assertThat(read("{\"userId\": \"ann\", \"eventId\": 42, \"seatIds\": [101, 102], \"currency\": \"EUR\", \"bookingId\": \"" + ID
				+ "\", \"amountCents\": 9000}", BookingMail.class))
			.isEqualTo(BookingMail.of(BOOKING));
	}

	private static void assertSameJson(Object typed, Map<String, Object> old) {
		JsonNode written = JSON.valueToTree(typed);
		JsonNode before = JSON.valueToTree(old);
		assertThat(written).isEqualTo(before);
	}

	private static <T> T read(String stored, Class<T> type) {
		return JSON.treeToValue(JSON.readTree(stored), type);
	}
}
