package io.boxoffice.catalog;

/** The venue as lists, search hits and bookings name it (docs/api.md, "Vocabulary"). */
public record VenueRef(long id, String name, String city) {
}
