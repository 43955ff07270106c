package io.boxoffice.mail;

/**
 * One message to one user.
 *
 * @param key what the message is about, once per change ({@code booking-confirmed:<id>}): the sent-marker's key and
 *        the message's {@code Message-ID}
 * @param kind the job kind, for metrics and the marker
 */
record Outgoing(String key, String kind, String userId, String subject, String text) {
}
