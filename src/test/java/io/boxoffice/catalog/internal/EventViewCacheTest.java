package io.boxoffice.catalog.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventViewCacheTest {

	@Test
	void anEntrySurvivesTheRoundTripThroughItsStoredForm() {
		byte[] json = "{\"id\":7,\"name\":\"Gig\\nNight\"}".getBytes(StandardCharsets.UTF_8);
		var entry = new EventViewCache.Entry(3, 1_700_000_000_123_456L, 20_000, 1_700_000_000_000L, json);

		var decoded = EventViewCache.decode(EventViewCache.encode(entry));

		assertThat(decoded.version()).isEqualTo(3);
		assertThat(decoded.createdMicros()).isEqualTo(1_700_000_000_123_456L);
		assertThat(decoded.capacity()).isEqualTo(20_000);
		assertThat(decoded.onSaleAtMillis()).isEqualTo(1_700_000_000_000L);
		assertThat(decoded.json()).isEqualTo(json);
	}

	@Test
	void valuesItDidNotWriteAreMisses() {
		assertThat(EventViewCache.decode("{\"id\":7}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(EventViewCache.decode("1 2\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(EventViewCache.decode("a b c d\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
	}
}
