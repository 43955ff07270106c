package io.boxoffice.catalog;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCursorTest {

	@Test
	void roundTripsThroughItsOpaqueForm() {
		var cursor = new EventCursor(Instant.parse("2027-03-01T19:30:00Z"), 4711);
		assertThat(EventCursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@Test
	void keepsTheMicrosecondsOfAStartTimeSoTheNextPageDoesNotRepeatItsEvent() {
		var cursor = new EventCursor(Instant.parse("2027-03-01T19:30:00.123456Z"), 4711);
		assertThat(EventCursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@Test
	void rejectsATokenItDidNotIssueAsABadRequest() {
		String outOfTime = java.util.Base64.getUrlEncoder().encodeToString((Long.MAX_VALUE + ".0:1").getBytes());
		assertThatThrownBy(() -> EventCursor.decode(outOfTime)).isInstanceOf(ErrorResponseException.class);
		assertThatThrownBy(() -> EventCursor.decode("not-a-cursor!"))
			.isInstanceOfSatisfying(ErrorResponseException.class, e -> {
				assertThat(e.getStatusCode().value()).isEqualTo(400);
				assertThat(e.getBody().getProperties()).containsEntry("parameter", "cursor");
			});
	}
}
