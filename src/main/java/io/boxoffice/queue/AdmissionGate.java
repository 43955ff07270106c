package io.boxoffice.queue;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.queue.AdmissionTokens.Invalid;
import io.boxoffice.queue.AdmissionTokens.Valid;

/**
 * What a hold must show for a queued event (mode ON or AUTO): an admission token, checked here (signature, expiry,
 * the caller, the event), whose id key the hold script then finds in Redis in the same atomic step as the hold, so
 * a token revoked (or lost with a flushed Redis) a moment ago holds nothing.
 */
@Component
public class AdmissionGate {

	private final QueueConfigs configs;
	private final AdmissionTokens tokens;
	private final Clock clock;

	AdmissionGate(QueueConfigs configs, AdmissionTokens tokens, Clock clock) {
		this.configs = configs;
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * What the hold script must check: {@code required} false for an event that is not queued (then {@code key} is a
	 * key of the event's slot that is never read); else the admission's id key, which must exist and name the user.
	 */
	public record Admission(boolean required, String key) {
	}

	/** Fails with the 403 {@code /problems/admission-required} problem when the token does not admit the user. */
	public Mono<Admission> check(long eventId, String userId, String admissionToken) {
		QueueKeys keys = new QueueKeys(eventId);
		return configs.current(eventId).flatMap(live -> {
			if (!live.mode().queued()) {
				return Mono.just(new Admission(false, keys.admission("none")));
			}
			var verdict = tokens.verify(admissionToken, userId, eventId, clock.instant());
			if (verdict instanceof Valid valid) {
				return Mono.just(new Admission(true, keys.admission(valid.admission().jti())));
			}
			return Mono.error(QueueProblems.admissionRequired(eventId, ((Invalid) verdict).reason()));
		});
	}

	/** For a hold the server makes for a user outside the waiting room (a waitlist offer is the user's turn). */
	public static Admission notRequired(long eventId) {
		return new Admission(false, new QueueKeys(eventId).admission("none"));
	}

	/** The answer when the hold script found the admission gone: revoked, expired, or the waiting room was reset. */
	public static ErrorResponseException admissionGone(long eventId) {
		return QueueProblems.admissionRequired(eventId,
				"Your admission is no longer valid (you left the queue, it expired, or the waiting room was reset); join again");
	}
}
