package io.boxoffice.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.jobs.Job;
import io.boxoffice.jobs.JobHandler;
import io.boxoffice.jobs.Jobs;

/**
 * Waitlist offers by mail. {@link #announce} enqueues the mail in the caller's transaction (the one that records
 * the offer), keyed by the offer's hold, which is new for every offer.
 */
@Component
public class OfferMails implements JobHandler {

	static final String KIND = "mail.waitlist-offer";

	private final Jobs jobs;
	private final MailDelivery delivery;
	private final SeatLabels labels;
	private final MailSettings settings;

	OfferMails(Jobs jobs, MailDelivery delivery, SeatLabels labels, MailSettings settings) {
		this.jobs = jobs;
		this.delivery = delivery;
		this.labels = labels;
		this.settings = settings;
	}

	/** What the offer mail needs; {@code holdId} names the reserved seats and the offer. */
	public record Offer(String userId, long eventId, String holdId, List<Long> seatIds, Instant expiresAt) {
	}

	public Mono<Void> announce(Offer offer) {
		return jobs.enqueue(KIND, offer).then();
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Mono<Void> handle(Job job) {
		Offer offer = job.payload(Offer.class);
		return labels.describe(offer.eventId(), offer.seatIds()).map(event -> {
			long minutes = Math.max(1, Duration.between(job.createdAt(), offer.expiresAt()).toMinutes());
			String text = "Good news: seats came back for " + event.eventName() + " (" + event.when() + ").\n\n"
					+ "We are holding these seats for you:\n" + BookingMails.bullets(event.seats()) + "\n"
					+ "They are yours to book until " + offer.expiresAt() + " (about " + minutes + " minutes from when we wrote this); "
					+ "after that they go to the next person in line.\n\n"
					+ "Book them: " + settings.baseUrl() + "/event.html?id=" + offer.eventId() + "\n"
					+ "Offer: " + offer.holdId() + "\n";
			return new Outgoing("waitlist-offer:" + offer.holdId(), KIND, offer.userId(),
					"Seats for " + event.eventName() + " are held for you", text);
		}).flatMap(delivery::deliver);
	}
}
