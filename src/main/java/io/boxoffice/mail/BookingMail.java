package io.boxoffice.mail;

import java.util.List;
import java.util.UUID;

/**
 * The payload booking enqueues with {@code mail.booking-confirmed} and {@code mail.booking-cancelled}
 * (booking's {@code BookingJobs.mail}): everything the message needs that the catalog cannot tell.
 */
record BookingMail(UUID bookingId, String userId, long eventId, List<Long> seatIds, long amountCents, String currency) {
}
