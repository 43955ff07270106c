package io.boxoffice.catalog.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A venue layout that passed its checks, flattened into the column arrays one bulk insert binds. The checks
 * (no empty layout or section, unique section names, no seat twice, no two seats on top of each other) need no
 * database, so they run before any transaction; failures are one {@code /problems/invalid-layout} naming every
 * offending field (up to {@value #MAX_ERRORS}).
 */
final class Layout {

	static final int MAX_SEATS = 100_000;
	/** Seats are drawn about one unit wide; centres closer than this are the same spot entered twice. */
	static final double MIN_DISTANCE = 0.5;
	static final double MAX_COORDINATE = 100_000;
	static final int MAX_ERRORS = 50;
	static final int MAX_ROW_LABEL = 10;

	final List<String> sectionNames = new ArrayList<>();
	private final List<Integer> sections = new ArrayList<>();
	private final List<String> rows = new ArrayList<>();
	private final List<Integer> numbers = new ArrayList<>();
	private final List<Float> xs = new ArrayList<>();
	private final List<Float> ys = new ArrayList<>();
	/** Where each seat came from, to name it in an error: index of its seat or row in the section's list, negative for rows. */
	private final List<Integer> origins = new ArrayList<>();
	private final List<AdminProblems.FieldError> errors = new ArrayList<>();
	private final List<AdminProblems.FieldError> invalidSeats = new ArrayList<>();

	private Layout() {
	}

	/** Checks and flattens the layout, or throws an invalid-layout problem. */
	static Layout of(List<VenueRequest.Section> sections) {
		var layout = new Layout();
		layout.flatten(sections);
		AdminProblems.throwIfAny(layout.invalidSeats, AdminProblems.VALIDATION_FAILED, "Validation failed");
		if (layout.errors.isEmpty()) {
			layout.checkDuplicatesAndOverlaps();
		}
		AdminProblems.throwIfAny(layout.errors, AdminProblems.INVALID_LAYOUT, "Invalid layout");
		return layout;
	}

	int seatCount() {
		return numbers.size();
	}

	Integer[] sectionPositions() {
		return sections.toArray(Integer[]::new);
	}

	String[] rowLabels() {
		return rows.toArray(String[]::new);
	}

	Integer[] numbers() {
		return numbers.toArray(Integer[]::new);
	}

	Float[] xs() {
		return xs.toArray(Float[]::new);
	}

	Float[] ys() {
		return ys.toArray(Float[]::new);
	}

	private void flatten(List<VenueRequest.Section> requested) {
		if (requested == null || requested.isEmpty()) {
			error("sections", "must list at least one section with seats");
			return;
		}
		Map<String, Integer> names = new HashMap<>();
		for (int s = 0; s < requested.size(); s++) {
			VenueRequest.Section section = requested.get(s);
			Integer earlier = names.putIfAbsent(section.name(), s);
			if (earlier != null) {
				error("sections[" + s + "].name", "duplicates sections[" + earlier + "].name '" + section.name() + "'");
			}
			sectionNames.add(section.name());
			int before = numbers.size();
			List<VenueRequest.Seat> seats = section.seats() == null ? List.of() : section.seats();
			for (int i = 0; i < seats.size(); i++) {
				var seat = seats.get(i);
				if (valid(seat, s, i)) {
					add(s, i, seat.row(), seat.number(), seat.x(), seat.y());
				}
			}
			List<VenueRequest.Row> rowList = section.rows() == null ? List.of() : section.rows();
			for (int r = 0; r < rowList.size(); r++) {
				var row = rowList.get(r);
				for (int i = 0; i < row.count(); i++) {
					add(s, -1 - r, row.row(), row.firstNumber() + i, row.x() + i * row.stepX(), row.y() + i * row.stepY());
				}
			}
			if (numbers.size() == before) {
				error("sections[" + s + "]", "has no seats: give it seats or rows");
			}
			if (numbers.size() > MAX_SEATS) {
				error("sections", "has more than " + MAX_SEATS + " seats");
				return;
			}
		}
	}

	/** What bean validation would say about one listed seat; the field path is built only for an error. */
	private boolean valid(VenueRequest.Seat seat, int section, int index) {
		if (seat != null && seat.row() != null && !seat.row().isBlank() && seat.row().length() <= MAX_ROW_LABEL
				&& seat.number() != null && seat.number() > 0 && seat.x() != null && seat.y() != null) {
			return true;
		}
		String field = field(section, index);
		if (seat == null) {
			return invalidSeat(field, "must not be null");
		}
		boolean valid = true;
		if (seat.row() == null || seat.row().isBlank() || seat.row().length() > MAX_ROW_LABEL) {
			valid = invalidSeat(field + ".row", "must be 1 to " + MAX_ROW_LABEL + " characters, not blank");
		}
		if (seat.number() == null || seat.number() < 1) {
			valid = invalidSeat(field + ".number", "must be greater than 0");
		}
		if (seat.x() == null) {
			valid = invalidSeat(field + ".x", "must not be null");
		}
		if (seat.y() == null) {
			valid = invalidSeat(field + ".y", "must not be null");
		}
		return valid;
	}

	private boolean invalidSeat(String field, String message) {
		if (invalidSeats.size() < MAX_ERRORS) {
			invalidSeats.add(new AdminProblems.FieldError(field, message));
		}
		return false;
	}

	private void add(int section, int origin, String row, int number, double x, double y) {
		if (!Double.isFinite(x) || !Double.isFinite(y) || Math.abs(x) > MAX_COORDINATE || Math.abs(y) > MAX_COORDINATE) {
			error(field(section, origin), seatLabel(origin, number) + "is at (" + x + ", " + y + "); coordinates must lie within ±" + (int) MAX_COORDINATE);
		}
		sections.add(section);
		rows.add(row);
		numbers.add(number);
		xs.add((float) x);
		ys.add((float) y);
		origins.add(origin);
	}

	private void checkDuplicatesAndOverlaps() {
		Map<SeatKey, Integer> seen = new HashMap<>(numbers.size() * 2);
		Map<Long, List<Integer>> grid = new HashMap<>(numbers.size() * 2);
		for (int i = 0; i < numbers.size() && errors.size() < MAX_ERRORS; i++) {
			Integer duplicate = seen.putIfAbsent(new SeatKey(sections.get(i), rows.get(i), numbers.get(i)), i);
			if (duplicate != null) {
				error(field(i), seatLabel(i) + "duplicates " + field(duplicate) + " (section '" + sectionNames.get(sections.get(i)) + "', row "
						+ rows.get(i) + ", seat " + numbers.get(i) + ")");
				continue;
			}
			long cx = (long) Math.floor(xs.get(i) / MIN_DISTANCE);
			long cy = (long) Math.floor(ys.get(i) / MIN_DISTANCE);
			Integer overlapping = near(grid, cx, cy, xs.get(i), ys.get(i));
			if (overlapping != null) {
				error(field(i), String.format(Locale.ROOT, "%soverlaps %s at (%s, %s): seats must be at least %s apart",
						seatLabel(i), field(overlapping), xs.get(i), ys.get(i), MIN_DISTANCE));
			}
			grid.computeIfAbsent(cell(cx, cy), c -> new ArrayList<>(2)).add(i);
		}
	}

	/** A seat already placed within {@link #MIN_DISTANCE} of (x, y); with cells that size, only the 3×3 around can hold one. */
	private Integer near(Map<Long, List<Integer>> grid, long cx, long cy, float x, float y) {
		for (long gx = cx - 1; gx <= cx + 1; gx++) {
			for (long gy = cy - 1; gy <= cy + 1; gy++) {
				for (int other : grid.getOrDefault(cell(gx, gy), List.of())) {
					double dx = xs.get(other) - x;
					double dy = ys.get(other) - y;
					if (dx * dx + dy * dy < MIN_DISTANCE * MIN_DISTANCE) {
						return other;
					}
				}
			}
		}
		return null;
	}

	private record SeatKey(int section, String row, int number) {
	}

	private static long cell(long cx, long cy) {
		return (cx << 32) ^ (cy & 0xffffffffL);
	}

	private String field(int seat) {
		return field(sections.get(seat), origins.get(seat));
	}

	private static String field(int section, int origin) {
		return origin >= 0 ? "sections[" + section + "].seats[" + origin + "]" : "sections[" + section + "].rows[" + (-1 - origin) + "]";
	}

	/** A row names many seats, so its errors say which one. */
	private String seatLabel(int seat) {
		return seatLabel(origins.get(seat), numbers.get(seat));
	}

	private static String seatLabel(int origin, int number) {
		return origin >= 0 ? "" : "seat " + number + " ";
	}

	private void error(String field, String message) {
		if (errors.size() < MAX_ERRORS) {
			errors.add(new AdminProblems.FieldError(field, message));
		}
	}
}
