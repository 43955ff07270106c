package io.boxoffice.catalog;

import java.util.List;

/** A page of events; {@code next} is the cursor for the following page, null on the last one. */
public record EventPage(List<EventSummary> items, @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String next) {
}
