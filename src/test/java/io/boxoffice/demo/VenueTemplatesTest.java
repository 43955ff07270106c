package io.boxoffice.demo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VenueTemplatesTest {

	@Test
	void arenaHasTwentyThousandSeats() {
		assertThat(VenueTemplates.arena().seatCount()).isEqualTo(20_000);
	}

	@Test
	void theatreHasTwoThousandSeats() {
		assertThat(VenueTemplates.theatre().seatCount()).isEqualTo(2_000);
	}

	@Test
	void clubHasFiveHundredSeats() {
		assertThat(VenueTemplates.club().seatCount()).isEqualTo(500);
	}

	@Test
	void everySeatHasAUniqueSectionRowAndNumber() {
		for (VenueLayout layout : List.of(VenueTemplates.arena(), VenueTemplates.theatre(), VenueTemplates.club())) {
			var keys = new HashSet<String>();
			layout.sections().forEach(section -> section.rows().forEach(row -> row.seats()
				.forEach(seat -> assertThat(keys.add(section.name() + "/" + row.label() + "/" + seat.number())).isTrue())));
			assertThat(keys).hasSize(layout.seatCount());
		}
	}

	@Test
	void noTwoSeatsAreCloserThanOneSeatWidthSoEachCanBeDrawn() {
		for (VenueLayout layout : List.of(VenueTemplates.arena(), VenueTemplates.theatre(), VenueTemplates.club())) {
			assertThat(closestPair(layout)).isGreaterThanOrEqualTo(0.99);
		}
	}

	@Test
	void seatsStayClearOfTheStage() {
		for (VenueLayout layout : List.of(VenueTemplates.arena(), VenueTemplates.theatre(), VenueTemplates.club())) {
			var stage = layout.stage();
			layout.sections().forEach(section -> section.rows().forEach(row -> row.seats().forEach(seat -> assertThat(
					seat.x() >= stage.x() && seat.x() <= stage.x() + stage.width()
							&& seat.y() >= stage.y() && seat.y() <= stage.y() + stage.height())
				.as("seat %s %s %d on stage", section.name(), row.label(), seat.number())
				.isFalse())));
		}
	}

	@Test
	void layoutsAreDeterministic() {
		assertThat(VenueTemplates.arena()).isEqualTo(VenueTemplates.arena());
	}

	@Test
	void rowLabelsRunFromAToZThenAA() {
		assertThat(VenueTemplates.rowLabel(0)).isEqualTo("A");
		assertThat(VenueTemplates.rowLabel(25)).isEqualTo("Z");
		assertThat(VenueTemplates.rowLabel(26)).isEqualTo("AA");
		assertThat(VenueTemplates.rowLabel(27)).isEqualTo("AB");
	}

	/** Smallest distance between two seats, using a grid of unit cells so 20,000 seats take milliseconds. */
	private static double closestPair(VenueLayout layout) {
		Map<Long, List<double[]>> grid = new HashMap<>();
		double closest = Double.MAX_VALUE;
		for (var section : layout.sections()) {
			for (var row : section.rows()) {
				for (var seat : row.seats()) {
					long cx = (long) Math.floor(seat.x());
					long cy = (long) Math.floor(seat.y());
					for (long dx = -1; dx <= 1; dx++) {
						for (long dy = -1; dy <= 1; dy++) {
							for (double[] other : grid.getOrDefault(cell(cx + dx, cy + dy), List.of())) {
								closest = Math.min(closest, Math.hypot(seat.x() - other[0], seat.y() - other[1]));
							}
						}
					}
					grid.computeIfAbsent(cell(cx, cy), c -> new java.util.ArrayList<>()).add(new double[] { seat.x(), seat.y() });
				}
			}
		}
		return closest;
	}

	private static long cell(long x, long y) {
		return x * 1_000_003L + y;
	}
}
