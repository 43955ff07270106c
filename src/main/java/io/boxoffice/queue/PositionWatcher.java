package io.boxoffice.queue;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One socket's view of its place: turns "now serving" readings into messages, only when the position changes, never
 * a larger position than one already sent, and {@code admitted} exactly once.
 */
final class PositionWatcher {

	private final String ticket;
	private final Consumer<String> send;
	private final Runnable admittedThenClose;
	private long number;
	private long lastPosition = Long.MAX_VALUE;
	private boolean admitted;

	/** {@code number} -1 while the place waits in the pre-queue to be drawn; {@code sent} the position already sent, or null. */
	PositionWatcher(String ticket, long number, Long sent, Consumer<String> send, Runnable admittedThenClose) {
		this.ticket = ticket;
		this.lastPosition = sent == null ? Long.MAX_VALUE : sent;
		this.number = number;
		this.send = send;
		this.admittedThenClose = admittedThenClose;
	}

	String ticket() {
		return ticket;
	}

	synchronized boolean needsNumber() {
		return number < 0;
	}

	synchronized void numbered(long drawn) {
		number = drawn;
	}

	/**
	 * {@code readAt}: when the "now serving" counter was read; sent as {@code at} so a client (the surge benchmark) can
	 * tell how long the news took to reach it.
	 */
	synchronized void served(long served, LiveSettings live, double pressureFactor, Instant readAt) {
		if (admitted || number < 0) {
			return;
		}
		if (number <= served) {
			admitted = true;
			send.accept("{\"type\":\"admitted\",\"at\":\"" + readAt + "\"}");
			admittedThenClose.run();
			return;
		}
		long position = number - served;
		if (position < lastPosition) {
			lastPosition = position;
			Place.Wait wait = WaitEstimates.waiting(position, live, pressureFactor);
			send.accept("{\"type\":\"position\",\"position\":" + position + ",\"estimatedWait\":{\"low\":\"" + wait.low()
					+ "\",\"high\":\"" + wait.high() + "\"},\"at\":\"" + readAt + "\"}");
		}
	}
}
