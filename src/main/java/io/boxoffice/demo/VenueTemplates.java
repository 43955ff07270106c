package io.boxoffice.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Generates the three demo layouts. Coordinates are in seat units with the stage at the top (negative y);
 * seats in a row are at least one unit apart, so a seat map can draw each seat as a unit circle.
 */
final class VenueTemplates {

	static final double SEAT_PITCH = 1.0;
	static final double ROW_PITCH = 1.2;

	private VenueTemplates() {
	}

	/** 20,000 seats: a floor of 4 blocks in front of an end stage, a lower and an upper bowl in a horseshoe around it. */
	static VenueLayout arena() {
		var sections = new ArrayList<VenueLayout.Section>();
		String[] floorNames = { "Floor A", "Floor B", "Floor C", "Floor D" };
		for (int block = 0; block < 4; block++) {
			double left = block % 2 == 0 ? -26 : 1;
			double top = block < 2 ? -10 : 15;
			sections.add(block(floorNames[block], 0, 20, 25, left, top, x -> 0));
		}
		sections.addAll(ring("Section 1", 18, 15, 30, 125, 0));
		sections.addAll(ring("Section 2", 22, 18, 25, 152, 1));
		return new VenueLayout(new VenueLayout.Stage(-40, -60, 80, 25, "Stage"), sections);
	}

	/** 2,000 seats: orchestra, mezzanine and balcony, each split left / centre / right by two aisles. */
	static VenueLayout theatre() {
		var sections = new ArrayList<VenueLayout.Section>();
		sections.addAll(tier("Orchestra", 0, 20, 12, 26, 0));
		sections.addAll(tier("Mezzanine", 1, 10, 15, 30, 27));
		sections.addAll(tier("Balcony", 2, 8, 12, 26, 41));
		return new VenueLayout(new VenueLayout.Stage(-30, -12, 60, 9, "Stage"), sections);
	}

	/** 500 seats: a main floor and a balcony. */
	static VenueLayout club() {
		var sections = List.of(
				block("Main Floor", 0, 15, 24, -12, 0, x -> 0),
				block("Balcony", 1, 7, 20, -10, 21, x -> 0));
		return new VenueLayout(new VenueLayout.Stage(-14, -9, 28, 6, "Stage"), sections);
	}

	/** Three sections side by side; rows curve gently towards the stage. */
	private static List<VenueLayout.Section> tier(String name, int rank, int rows, int sideSeats, int centreSeats, double top) {
		IntToDoubleFunction curve = x -> 0.002 * x * x;
		double centreLeft = -centreSeats / 2.0;
		return List.of(
				block(name + " Left", rank + 1, rows, sideSeats, centreLeft - 2 - sideSeats, top, curve),
				block(name + " Centre", rank, rows, centreSeats, centreLeft, top, curve),
				block(name + " Right", rank + 1, rows, sideSeats, -centreLeft + 2, top, curve));
	}

	/** A rectangular block of rows, seats numbered left to right from 1, rows lettered from the front. */
	private static VenueLayout.Section block(String name, int rank, int rows, int seatsPerRow, double left, double top,
			IntToDoubleFunction curve) {
		var rowList = new ArrayList<VenueLayout.Row>();
		for (int r = 0; r < rows; r++) {
			var seats = new ArrayList<VenueLayout.Seat>();
			for (int s = 0; s < seatsPerRow; s++) {
				double x = left + s * SEAT_PITCH;
				seats.add(new VenueLayout.Seat(s + 1, round(x), round(top + r * ROW_PITCH + curve.applyAsDouble((int) Math.round(x)))));
			}
			rowList.add(new VenueLayout.Row(rowLabel(r), seats));
		}
		return new VenueLayout.Section(name, rank, rowList);
	}

	/**
	 * Sections on a 270-degree arc around the floor, open towards the stage. Sections are named
	 * {@code prefix + two digits} (e.g. "Section 101"); the ones facing the stage rank better.
	 */
	private static List<VenueLayout.Section> ring(String prefix, int count, int rows, int seatsPerRow, double innerRadius, int baseRank) {
		double arc = Math.toRadians(270);
		double span = arc / count;
		double gap = Math.toRadians(1);
		double start = Math.toRadians(-135);
		var sections = new ArrayList<VenueLayout.Section>();
		for (int i = 0; i < count; i++) {
			double from = start + i * span + gap / 2;
			double width = span - gap;
			// facing: 1 at the far end opposite the stage, 0 at the ends of the horseshoe
			double facing = Math.cos((from + width / 2) / 1.5);
			int rank = baseRank + (facing > 0.6 ? 1 : 2);
			var rowList = new ArrayList<VenueLayout.Row>();
			for (int r = 0; r < rows; r++) {
				double radius = innerRadius + r * ROW_PITCH;
				var seats = new ArrayList<VenueLayout.Seat>();
				for (int s = 0; s < seatsPerRow; s++) {
					double angle = from + width * (s + 0.5) / seatsPerRow;
					seats.add(new VenueLayout.Seat(s + 1, round(radius * Math.sin(angle)), round(radius * Math.cos(angle))));
				}
				rowList.add(new VenueLayout.Row(rowLabel(r), seats));
			}
			sections.add(new VenueLayout.Section(String.format("%s%02d", prefix, i + 1), rank, rowList));
		}
		return sections;
	}

	/** A, B, …, Z, AA, AB, … */
	static String rowLabel(int index) {
		String label = "";
		int n = index;
		do {
			label = (char) ('A' + n % 26) + label;
			n = n / 26 - 1;
		}
		while (n >= 0);
		return label;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}
}
