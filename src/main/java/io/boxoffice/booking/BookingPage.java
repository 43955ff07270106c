package io.boxoffice.booking;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A page of the caller's bookings, newest first; {@code next} is the cursor of the following page, null on the last. */
record BookingPage(List<BookingView> items, @Schema(nullable = true) String next) {
}
