package io.boxoffice.mail;

import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.boxoffice.jobs.PermanentJobFailure;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends one message at most once per key, as far as this side can tell: a key already marked sent is skipped; the
 * marker is written after the SMTP server accepted the message. A crash (or a lost lease) between the two sends it
 * again on the job's next run: a rare duplicate, never a lost confirmation. The duplicate carries the same
 * {@code Message-ID}, so mail clients and servers that deduplicate show it once (docs/mail-and-waitlist.md).
 */
@Component
class MailDelivery {

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	private final ObjectProvider<JavaMailSender> senders;
	private final MailAddresses addresses;
	private final DatabaseClient db;
	private final MailSettings settings;
	private final MeterRegistry meters;

	MailDelivery(ObjectProvider<JavaMailSender> senders, MailAddresses addresses, DatabaseClient db, MailSettings settings,
			MeterRegistry meters) {
		this.senders = senders;
		this.addresses = addresses;
		this.db = db;
		this.settings = settings;
		this.meters = meters;
	}

	Mono<Void> deliver(Outgoing mail) {
		return alreadySent(mail.key()).flatMap(sent -> {
			if (sent) {
				log.info("Mail {} was sent before; not sending it again", mail.key());
				return Mono.<Void>empty();
			}
			return addresses.of(mail.userId())
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap(address -> address.isEmpty() ? skip(mail)
						: send(mail, address.get()).then(markSent(mail)).then(Mono.fromRunnable(() -> {
							count(mail, "sent");
							log.info("Mail {} sent to {}", mail.key(), AddressCipher.mask(address.get()));
						})));
		}).doOnError(failed -> count(mail, "failed"));
	}

	private Mono<Void> skip(Outgoing mail) {
		return Mono.fromRunnable(() -> {
			count(mail, "skipped");
			log.info("Mail {} not sent: user {} gave no address", mail.key(), mail.userId());
		});
	}

	private Mono<Boolean> alreadySent(String key) {
		return db.sql("SELECT EXISTS (SELECT 1 FROM mail_sent WHERE message_key = :key) AS sent")
			.bind("key", key)
			.map((row, meta) -> row.get("sent", Boolean.class))
			.one();
	}

	private Mono<Void> markSent(Outgoing mail) {
		return db.sql("INSERT INTO mail_sent (message_key, kind) VALUES (:key, :kind) ON CONFLICT DO NOTHING")
			.bind("key", mail.key())
			.bind("kind", mail.kind())
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** Jakarta Mail blocks on the socket: on boundedElastic, never on an event loop. */
	private Mono<Void> send(Outgoing mail, String address) {
		return Mono.<Void>fromRunnable(() -> {
			JavaMailSender sender = senders.getIfAvailable();
			if (sender == null) {
				throw new PermanentJobFailure("No SMTP server is configured (spring.mail.host)");
			}
			try {
				MimeMessage message = sender instanceof JavaMailSenderImpl impl
						? new KeyedMessage(impl.getSession(), messageId(mail.key())) : sender.createMimeMessage();
				var helper = new MimeMessageHelper(message, "UTF-8");
				helper.setFrom(settings.from());
				helper.setTo(address);
				helper.setSubject(mail.subject());
				helper.setText(mail.text());
				sender.send(message);
			}
			catch (MessagingException e) {
				throw new IllegalStateException("Could not build mail " + mail.key(), e);
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private static String messageId(String key) {
		return "<" + key.replace(':', '.') + "@boxoffice>";
	}

	private void count(Outgoing mail, String outcome) {
		meters.counter("boxoffice.mail", "kind", mail.kind(), "outcome", outcome).increment();
	}

	/** A message whose Message-ID is derived from its key (Jakarta Mail would otherwise make a new one per send). */
	private static final class KeyedMessage extends MimeMessage {

		private final String messageId;

		KeyedMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}
	}
}
