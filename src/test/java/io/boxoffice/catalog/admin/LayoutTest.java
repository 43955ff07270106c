package io.boxoffice.catalog.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayoutTest {

	static VenueRequest.Seat seat(String row, int number, double x, double y) {
		return new VenueRequest.Seat(row, number, x, y);
	}

	static VenueRequest.Section section(String name, VenueRequest.Seat... seats) {
		return new VenueRequest.Section(name, List.of(seats), null);
	}

	@Test
	void flattensExplicitSeatsAndStraightRowsInRequestOrder() {
		var rows = new VenueRequest.Section("Floor", List.of(seat("A", 9, -5, 0)),
				List.of(new VenueRequest.Row("B", 3, 2, 0.0, 1.2, null, null)));
		Layout layout = Layout.of(List.of(rows, section("Balcony", seat("A", 1, 0, 10))));

		assertThat(layout.sectionNames).containsExactly("Floor", "Balcony");
		assertThat(layout.seatCount()).isEqualTo(4);
		assertThat(layout.rowLabels()).containsExactly("A", "B", "B", "A");
		assertThat(layout.numbers()).containsExactly(9, 3, 4, 1);
		assertThat(layout.xs()).containsExactly(-5f, 0f, 1f, 0f);
		assertThat(layout.sectionPositions()).containsExactly(0, 0, 0, 1);
	}

	@Test
	void emptyLayoutAndSectionsWithoutSeatsAreInvalid() {
		assertInvalid(List.of(), Map.of("sections", "at least one section"));
		assertInvalid(List.of(section("Floor", seat("A", 1, 0, 0)), new VenueRequest.Section("Empty", List.of(), null)),
				Map.of("sections[1]", "has no seats"));
	}

	@Test
	void theSameSeatTwiceIsNamedWithItsFirstOccurrence() {
		assertInvalid(List.of(section("Floor", seat("A", 1, 0, 0), seat("A", 2, 1, 0), seat("A", 1, 5, 0))),
				Map.of("sections[0].seats[2]", "duplicates sections[0].seats[0] (section 'Floor', row A, seat 1)"));
	}

	@Test
	void sameRowAndNumberInAnotherSectionIsADifferentSeat() {
		Layout layout = Layout.of(List.of(section("Left", seat("A", 1, 0, 0)), section("Right", seat("A", 1, 10, 0))));
		assertThat(layout.seatCount()).isEqualTo(2);
	}

	@Test
	void seatsCloserThanHalfASeatOverlapEvenAcrossSectionsAndGridCells() {
		assertInvalid(List.of(section("Left", seat("A", 1, 0.99, 0)), section("Right", seat("A", 1, 1.2, 0.1))),
				Map.of("sections[1].seats[0]", "overlaps sections[0].seats[0]"));
		assertThat(Layout.of(List.of(section("Row", seat("A", 1, 0, 0), seat("A", 2, 0.5, 0)))).seatCount())
			.as("exactly the minimum distance apart is fine").isEqualTo(2);
	}

	@Test
	void rowsThatRunIntoEachOtherNameTheRowAndTheSeat() {
		var section = new VenueRequest.Section("Floor", null, List.of(
				new VenueRequest.Row("A", 1, 10, 0.0, 0.0, null, null),
				new VenueRequest.Row("B", 1, 10, 5.0, 0.1, null, null)));
		assertInvalid(List.of(section), Map.of("sections[0].rows[1]", "seat 1 overlaps sections[0].rows[0]"));
	}

	@Test
	void incompleteSeatsFailValidationNamingEachField() {
		var seats = java.util.Arrays.asList(seat("A", 0, 0, 0), new VenueRequest.Seat(" ", 1, null, 0.0), null);
		assertThatThrownBy(() -> Layout.of(List.of(new VenueRequest.Section("Floor", seats, null))))
			.isInstanceOfSatisfying(ErrorResponseException.class, problem -> {
				assertThat(problem.getBody().getType().toString()).isEqualTo("/problems/validation-failed");
				@SuppressWarnings("unchecked")
				var errors = (List<AdminProblems.FieldError>) problem.getBody().getProperties().get("errors");
				assertThat(errors).extracting(AdminProblems.FieldError::field).containsExactly("sections[0].seats[0].number",
						"sections[0].seats[1].row", "sections[0].seats[1].x", "sections[0].seats[2]");
			});
	}

	@Test
	void duplicateSectionNamesAreInvalid() {
		assertInvalid(List.of(section("Floor", seat("A", 1, 0, 0)), section("Floor", seat("A", 1, 5, 0))),
				Map.of("sections[1].name", "duplicates sections[0].name"));
	}

	@Test
	void anArenaOfTwentyThousandSeatsPassesQuickly() {
		var sections = new ArrayList<VenueRequest.Section>();
		for (int s = 0; s < 20; s++) {
			var rows = new ArrayList<VenueRequest.Row>();
			for (int r = 0; r < 40; r++) {
				rows.add(new VenueRequest.Row("R" + r, 1, 25, s * 30.0, r * 1.2, null, null));
			}
			sections.add(new VenueRequest.Section("Block " + s, null, rows));
		}
		assertThat(Layout.of(sections).seatCount()).isEqualTo(20_000);
	}

	private static void assertInvalid(List<VenueRequest.Section> sections, Map<String, String> fieldToMessagePart) {
		assertThatThrownBy(() -> Layout.of(sections)).isInstanceOfSatisfying(ErrorResponseException.class, problem -> {
			assertThat(problem.getBody().getType().toString()).isEqualTo("/problems/invalid-layout");
			assertThat(problem.getStatusCode().value()).isEqualTo(400);
			@SuppressWarnings("unchecked")
			var errors = (List<AdminProblems.FieldError>) problem.getBody().getProperties().get("errors");
			fieldToMessagePart.forEach((field, part) -> assertThat(errors)
				.anySatisfy(error -> {
					assertThat(error.field()).isEqualTo(field);
					assertThat(error.message()).contains(part);
				}));
		});
	}
}
