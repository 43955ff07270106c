package io.boxoffice.mail;

import java.util.List;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.boxoffice.jobs.Job;
import io.boxoffice.jobs.JobHandler;
import io.boxoffice.tickets.BookingTickets;
import io.boxoffice.tickets.IssuedTicket;

/**
 * The booking mails. Both kinds are enqueued by booking in the transaction that confirms or cancels, once per
 * change (the transition happens once), and keyed by kind and booking id for {@link MailDelivery}.
 */
@Configuration(proxyBeanMethods = false)
class BookingMails {

	static final String CONFIRMED = "mail.booking-confirmed";
	static final String CANCELLED = "mail.booking-cancelled";

	private final MailDelivery delivery;
	private final SeatLabels labels;
	private final MailSettings settings;
	// Absent until the tickets module issues tickets: the mail then lists the seats only.
	private final ObjectProvider<BookingTickets> tickets;

	BookingMails(MailDelivery delivery, SeatLabels labels, MailSettings settings, ObjectProvider<BookingTickets> tickets) {
		this.delivery = delivery;
		this.labels = labels;
		this.settings = settings;
		this.tickets = tickets;
	}

	@Bean
	JobHandler bookingConfirmedMail() {
		return handler(CONFIRMED, this::confirmed);
	}

	@Bean
	JobHandler bookingCancelledMail() {
		return handler(CANCELLED, this::cancelled);
	}

	private Mono<Void> confirmed(BookingMail booking) {
		BookingTickets issued = tickets.getIfAvailable();
		Mono<List<IssuedTicket>> codes = issued == null ? Mono.just(List.of()) : issued.of(booking.bookingId()).collectList();
		return labels.describe(booking.eventId(), booking.seatIds()).zipWith(codes, (event, ticketList) -> {
			var text = new StringBuilder()
				.append("Your booking for ").append(event.eventName()).append(" is confirmed.\n\n")
				.append(event.when()).append("\n\n")
				.append("Seats:\n").append(bullets(event.seats()))
				.append("\nTotal paid: ").append(SeatLabels.money(booking.amountCents(), booking.currency())).append("\n");
			if (!ticketList.isEmpty()) {
				text.append("\nTicket codes (each admits once at the door):\n").append(bullets(ticketList.stream()
					.map(t -> t.section() + ", row " + t.row() + ", seat " + t.number() + ": " + t.secret())
					.toList()));
			}
			text.append("\nYour tickets: ").append(ticketsPage(booking)).append("\n")
				.append("Booking reference: ").append(booking.bookingId()).append("\n");
			return new Outgoing("booking-confirmed:" + booking.bookingId(), CONFIRMED, booking.userId(),
					"Your tickets for " + event.eventName(), text.toString());
		}).flatMap(delivery::deliver);
	}

	private Mono<Void> cancelled(BookingMail booking) {
		return labels.describe(booking.eventId(), booking.seatIds()).map(event -> {
			var text = new StringBuilder()
				.append("Your booking for ").append(event.eventName()).append(" (").append(event.when()).append(") is cancelled.\n\n")
				.append("Seats released:\n").append(bullets(event.seats())).append("\n")
				.append(booking.amountCents() > 0
						? "We are refunding " + SeatLabels.money(booking.amountCents(), booking.currency())
								+ " to the card you paid with; it usually shows within 5-10 days.\n"
						: "Nothing was charged, so there is nothing to refund.\n")
				.append("Its tickets no longer admit anyone.\n\n")
				.append("Booking reference: ").append(booking.bookingId()).append("\n");
			return new Outgoing("booking-cancelled:" + booking.bookingId(), CANCELLED, booking.userId(),
					"Cancelled: your booking for " + event.eventName(), text.toString());
		}).flatMap(delivery::deliver);
	}

	private String ticketsPage(BookingMail booking) {
		return settings.baseUrl() + "/tickets.html?booking=" + booking.bookingId();
	}

	static String bullets(List<String> lines) {
		return lines.stream().map(line -> "  - " + line + "\n").collect(Collectors.joining());
	}

	private static JobHandler handler(String kind, java.util.function.Function<BookingMail, Mono<Void>> run) {
		return new JobHandler() {
			@Override
			public String kind() {
				return kind;
			}

			@Override
			public Mono<Void> handle(Job job) {
				return run.apply(job.payload(BookingMail.class));
			}
		};
	}
}
