package io.boxoffice.catalog.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentRendersTest {

	@Test
	void remembersARenderUntilEvictedOrExpired() {
		var recent = new RecentRenders(Duration.ofHours(1), 100);
		recent.put(7, "view of 7");
		assertThat(recent.get(7, String.class)).isEqualTo("view of 7");
		assertThat(recent.get(8, String.class)).isNull();

		recent.evict(7);
		assertThat(recent.get(7, String.class)).isNull();

		var expired = new RecentRenders(Duration.ofNanos(1), 100);
		expired.put(7, "view of 7");
		long until = System.nanoTime() + 1_000;
		while (System.nanoTime() < until) {
			Thread.onSpinWait(); // a microsecond passes; no sleep needed for a one-nanosecond lifetime
		}
		assertThat(expired.get(7, String.class)).isNull();
	}

	@Test
	void aZeroLifetimeRemembersNothingAndTheSizeStaysBounded() {
		var off = new RecentRenders(Duration.ZERO, 100);
		off.put(1, "x");
		assertThat(off.get(1, String.class)).isNull();

		var small = new RecentRenders(Duration.ofHours(1), 2);
		small.put(1, "a");
		small.put(2, "b");
		small.put(3, "c");
		assertThat(small.get(3, String.class)).isEqualTo("c");
		assertThat(small.get(1, String.class)).isNull();
	}
}
