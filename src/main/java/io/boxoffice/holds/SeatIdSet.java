package io.boxoffice.holds;

import java.util.Arrays;
import java.util.Collection;

/**
 * An immutable set of seat ids kept as sorted runs of consecutive ids. A venue's seats are numbered in
 * blocks, so the sellable seats of a 20,000-seat arena are a handful of runs rather than 20,000 boxed
 * longs, and many events fit in the in-memory cache.
 */
final class SeatIdSet {

	private final long[] starts;
	private final long[] ends; // inclusive

	private SeatIdSet(long[] starts, long[] ends) {
		this.starts = starts;
		this.ends = ends;
	}

	static SeatIdSet of(Collection<Long> seatIds) {
		long[] ids = seatIds.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
		long[] starts = new long[ids.length];
		long[] ends = new long[ids.length];
		int runs = 0;
		for (long id : ids) {
			if (runs > 0 && ends[runs - 1] == id - 1) {
				ends[runs - 1] = id;
			}
			else {
				starts[runs] = id;
				ends[runs] = id;
				runs++;
			}
		}
		return new SeatIdSet(Arrays.copyOf(starts, runs), Arrays.copyOf(ends, runs));
	}

	boolean contains(long seatId) {
		int found = Arrays.binarySearch(starts, seatId);
		if (found >= 0) {
			return true;
		}
		int run = -found - 2; // the run starting just below seatId
		return run >= 0 && seatId <= ends[run];
	}

	int runs() {
		return starts.length;
	}
}
