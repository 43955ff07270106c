package io.boxoffice.waitlist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.catalog.EventViews;
import io.boxoffice.catalog.SeatMap;
import io.boxoffice.catalog.SellableSeats;
import io.boxoffice.holds.SeatStates;

/**
 * The seats of an event that nobody holds or has bought, by section in seat-map order: sellable seats (priced)
 * minus the held and sold seats of one Redis snapshot, the same state the hold script decides on.
 */
@Component
class FreeSeats {

	private final EventViews events;
	private final SellableSeats sellable;
	private final SeatStates states;

	FreeSeats(EventViews events, SellableSeats sellable, SeatStates states) {
		this.events = events;
		this.sellable = sellable;
		this.states = states;
	}

	/** Free seats per section id; empty when there is no such event. */
	Mono<Map<Long, List<Long>>> of(long eventId) {
		return Mono.zip(events.seatMap(eventId), sellable.seatIds(eventId), states.snapshot(eventId)).map(t -> {
			var taken = new HashSet<Long>(t.getT3().held());
			taken.addAll(t.getT3().sold());
			var priced = new HashSet<Long>(t.getT2());
			var free = new LinkedHashMap<Long, List<Long>>();
			for (SeatMap.Section section : t.getT1().sections()) {
				var seats = new ArrayList<Long>();
				section.rows().forEach(row -> row.seats().forEach(seat -> {
					if (priced.contains(seat.id()) && !taken.contains(seat.id())) {
						seats.add(seat.id());
					}
				}));
				free.put(section.id(), seats);
			}
			return free;
		});
	}

	/** How many are free in one section, or in all when {@code sectionId} is null. */
	static int count(Map<Long, List<Long>> free, Long sectionId) {
		return sectionId == null ? free.values().stream().mapToInt(List::size).sum()
				: free.getOrDefault(sectionId, List.of()).size();
	}

	/** Takes {@code n} seats out of the pool (one section, or any section in order), or none if there are fewer. */
	static List<Long> take(Map<Long, List<Long>> free, Long sectionId, int n) {
		if (count(free, sectionId) < n) {
			return List.of();
		}
		var taken = new ArrayList<Long>();
		for (var entry : free.entrySet()) {
			if (sectionId != null && !sectionId.equals(entry.getKey())) {
				continue;
			}
			var seats = entry.getValue();
			while (taken.size() < n && !seats.isEmpty()) {
				taken.add(seats.remove(0));
			}
		}
		return taken;
	}
}
