package io.boxoffice.queue;

import java.util.List;

/**
 * Redis key names of one event's waiting room. Every key carries the event's hash tag {@code {eventId}}, the same
 * tag as the holds module's keys, so a Redis Cluster keeps them on one slot and the hold script may read an
 * admission key. {@link #EVENTS} is the one key that is not per event; no script touches it.
 */
record QueueKeys(long eventId) {

	/** SET of event ids whose queue may have someone to admit: every instance ticks these. */
	static final String EVENTS = "queue:events";

	private String key(String name) {
		return "queue:{" + eventId + "}:" + name;
	}

	/** HASH mode, admitsPerSecond, burst, maxActiveBuyers: the live settings, read by every instance. */
	String config() {
		return key("config");
	}

	/** STRING: the last place number handed out. */
	String seq() {
		return key("seq");
	}

	/** STRING: "now serving": every place up to it has been admitted (or skipped, if its holder left). */
	String served() {
		return key("served");
	}

	/** HASH user -> ticket: one place per user. */
	String users() {
		return key("users");
	}

	/** SET of tickets joined before opening, not numbered yet. */
	String preQueue() {
		return key("pre");
	}

	/** STRING present once the pre-queue has been drawn and numbering goes first come first served. */
	String opened() {
		return key("opened");
	}

	/** STRING lock (SET NX PX) of the instance drawing the pre-queue. */
	String drawing() {
		return key("drawing");
	}

	/** SET of place numbers whose holder left: passed over without using up an admission. */
	String left() {
		return key("left");
	}

	/** HASH tokens, at (microseconds of Redis TIME): the admission token bucket. */
	String bucket() {
		return key("bucket");
	}

	/** ZSET score "served" after a tick, member "served:ms": when a place number was admitted. */
	String admits() {
		return key("admits");
	}

	/** ZSET place number -> claim deadline (ms): admitted, not claimed yet. */
	String unclaimed() {
		return key("unclaimed");
	}

	/** ZSET place number -> token expiry (ms): admitted and claimed. */
	String claimed() {
		return key("claimed");
	}

	/** HASH user, number, joinedAt, left, token, expiresAt, jti: one place. */
	String ticket(String ticket) {
		return key("t:" + ticket);
	}

	/** STRING user, with the token's lifetime: an admission token is valid only while this exists. */
	String admission(String jti) {
		return key("jti:" + jti);
	}

	/** The keys of the event's line and bucket, in the order the scripts declare them. */
	List<String> line() {
		return List.of(seq(), served(), left(), bucket(), admits(), unclaimed(), claimed(), opened(), preQueue(), users());
	}
}
