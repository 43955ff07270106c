package io.boxoffice.demo;

import java.util.List;

/** A venue's seats as drawn: sections of rows of seats, x/y in seat units, and the stage. */
record VenueLayout(Stage stage, List<Section> sections) {

	int seatCount() {
		return sections.stream().mapToInt(Section::seatCount).sum();
	}

	record Stage(double x, double y, double width, double height, String label) {
	}

	/** {@code rank} 0 is the best (dearest) part of the house. */
	record Section(String name, int rank, List<Row> rows) {

		int seatCount() {
			return rows.stream().mapToInt(row -> row.seats().size()).sum();
		}
	}

	record Row(String label, List<Seat> seats) {
	}

	record Seat(int number, double x, double y) {
	}
}
