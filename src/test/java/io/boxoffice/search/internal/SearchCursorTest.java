package io.boxoffice.search.internal;

import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchCursorTest {

	@Test
	void roundTripsTheSortValuesOfAHit() {
		var cursor = new SearchCursor(SearchSort.DISTANCE, List.of(FieldValue.of(12.5), FieldValue.of(1_800_000_000_000L), FieldValue.of(42L)));

		SearchCursor decoded = SearchCursor.decode(cursor.encode(), SearchSort.DISTANCE);

		assertThat(decoded.values()).extracting(FieldValue::_toJsonString).containsExactly("12.5", "1800000000000", "42");
	}

	@Test
	void refusesACursorOfAnotherSortOrGarbageNamingTheParameter() {
		String dateCursor = new SearchCursor(SearchSort.DATE, List.of(FieldValue.of(1L), FieldValue.of(2L))).encode();

		for (String bad : List.of(dateCursor, "garbage", "!!!")) {
			SearchSort expected = SearchSort.PRICE;
			assertThatThrownBy(() -> SearchCursor.decode(bad, expected)).isInstanceOfSatisfying(ErrorResponseException.class,
					problem -> assertThat(problem.getBody().getProperties()).containsEntry("parameter", "after"));
		}
	}
}
