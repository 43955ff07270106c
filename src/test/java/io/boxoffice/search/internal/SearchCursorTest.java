package io.boxoffice.search.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
					problem -> assertThat(problem.getBody().getProperties()).containsEntry("parameter", "cursor"));
		}
	}

	@Test
	void refusesValuesElasticsearchWouldRefuseOrThatDoNotFitTheSort() {
		for (String plain : List.of("DATE\ndNaN\nl1", "RELEVANCE\ndNaN\nl1\nl2", "DISTANCE\ndInfinity\nl1\nl2",
				"RELEVANCE\nd-Infinity\nl1\nl2", "DATE\nl1", "DATE\nl1\nl2\nl3", "DATE\nsabc\nl1", "DATE\nn\nn",
				"DATE\nd1.5\nl1", "DATE\n\nl1", "PRICE\nn\nl1\nl2")) {
			SearchSort sort = SearchSort.valueOf(plain.substring(0, plain.indexOf('\n')));
			String token = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
			assertThatThrownBy(() -> SearchCursor.decode(token, sort)).as(plain.replace('\n', '|'))
				.isInstanceOfSatisfying(ErrorResponseException.class,
						problem -> assertThat(problem.getBody().getProperties()).containsEntry("parameter", "cursor"));
		}
	}

	@Test
	void keepsTheInfiniteDistanceOfAnEventWithoutALocation() {
		var cursor = new SearchCursor(SearchSort.DISTANCE, List.of(FieldValue.of("Infinity"), FieldValue.of(1L), FieldValue.of(2L)));

		var values = SearchCursor.decode(cursor.encode(), SearchSort.DISTANCE).values();

		assertThat(values.get(0).stringValue()).isEqualTo("Infinity");
		assertThat(values.subList(1, 3)).extracting(FieldValue::longValue).containsExactly(1L, 2L);
	}
}
