package io.boxoffice.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Service;

import io.boxoffice.platform.EventLoopRedis;
import io.boxoffice.queue.QueueScripts.Claimed;
import io.boxoffice.queue.QueueScripts.Refusal;
import io.boxoffice.queue.QueueScripts.Status;

/**
 * Joining, reading, leaving and claiming a place. One place per user per event: joining again answers the live
 * place the user has (from any tab or device); a user whose place was left or has expired joins at the back.
 */
@Service
class WaitingRoom {

	/** Joins that find the line past opening but not drawn wait for the draw this often, this many times. */
	private static final Duration DRAW_WAIT = Duration.ofMillis(100);
	private static final int DRAW_WAITS = 50;

	private final QueueScripts scripts;
	private final QueueConfigs configs;
	private final Draws draws;
	private final EventLoopRedis redis;
	private final AdmissionTokens tokens;
	private final CheckoutSignal checkout;
	private final QueueMetrics metrics;
	private final QueueSettings settings;
	private final Clock clock;

	WaitingRoom(QueueScripts scripts, QueueConfigs configs, Draws draws, EventLoopRedis redis, AdmissionTokens tokens,
			CheckoutSignal checkout, QueueMetrics metrics, QueueSettings settings, Clock clock) {
		this.scripts = scripts;
		this.configs = configs;
		this.draws = draws;
		this.redis = redis;
		this.tokens = tokens;
		this.checkout = checkout;
		this.metrics = metrics;
		this.settings = settings;
		this.clock = clock;
		Tickets.warmUp();
	}

	Mono<Place> join(String user, long eventId) {
		return configs.current(eventId).flatMap(live -> {
			Instant now = clock.instant();
			if (!live.mode().queued()) {
				return Mono.error(QueueProblems.notActive(eventId, "Event " + eventId + " has no waiting room; hold seats directly"));
			}
			if (!now.isBefore(live.startsAt())) {
				return Mono.error(QueueProblems.notActive(eventId, "Event " + eventId + " has started; sales are closed"));
			}
			Instant opensAt = live.onSaleAt().minus(settings.preQueueWindow());
			if (now.isBefore(opensAt)) {
				return Mono.error(QueueProblems.notOpen(eventId, opensAt));
			}
			QueueKeys keys = new QueueKeys(eventId);
			boolean preQueue = now.isBefore(live.onSaleAt());
			return joinOnce(keys, user, preQueue, live)
				.flatMap(joined -> {
					if (!joined.existing()) {
						metrics.joined();
						return redis.<Long>call(commands -> commands.sadd(QueueKeys.EVENTS, Long.toString(eventId))).thenReturn(joined);
					}
					return Mono.just(joined);
				})
				.flatMap(joined -> place(keys, joined.ticket(), user));
		});
	}

	/** Past opening, a line not drawn yet is drawn first (by this instance, or another one that holds the lock). */
	private Mono<QueueScripts.Joined> joinOnce(QueueKeys keys, String user, boolean preQueue, LiveSettings live) {
		String ticket = Tickets.next(keys.eventId());
		return Mono.defer(() -> scripts.join(keys, user, ticket, preQueue, live.mode() == QueueMode.AUTO, live.pace(checkout.admissionFactor())))
			.flatMap(joined -> joined.ticket() != null ? Mono.just(joined)
					: draws.draw(keys.eventId()).then(Mono.error(new LineNotDrawn())))
			.retryWhen(Retry.fixedDelay(DRAW_WAITS, DRAW_WAIT).filter(LineNotDrawn.class::isInstance)
				.onRetryExhaustedThrow((spec, signal) -> new IllegalStateException("The waiting room of event " + keys.eventId()
						+ " was not drawn in time")));
	}

	/** The caller's place; a 404 problem if they have none with this ticket (never had, left, or Redis lost it). */
	Mono<Place> place(String ticket, String user) {
		OptionalLong eventId = Tickets.eventOf(ticket);
		if (eventId.isEmpty()) {
			return Mono.error(QueueProblems.ticketNotFound(ticket));
		}
		return place(new QueueKeys(eventId.getAsLong()), ticket, user);
	}

	private Mono<Place> place(QueueKeys keys, String ticket, String user) {
		return scripts.status(keys, ticket).flatMap(status -> {
			if (!status.user().equals(user) || status.left()) {
				return Mono.error(QueueProblems.ticketNotFound(ticket));
			}
			return configs.current(keys.eventId()).map(live -> view(ticket, live, status));
		});
	}

	/** The place a status shows (the socket uses it for its first message). */
	Place view(String ticket, LiveSettings live, Status status) {
		double factor = checkout.admissionFactor();
		if (status.number() < 0) {
			return new Place(ticket, live.eventId(), null, Place.State.WAITING,
					WaitEstimates.preQueued(status.preQueued(), live, factor, clock.instant()), live.onSaleAt(), null);
		}
		if (status.number() > status.served()) {
			long position = status.number() - status.served();
			return new Place(ticket, live.eventId(), position, Place.State.WAITING, WaitEstimates.waiting(position, live, factor), null, null);
		}
		if (status.untilMillis() > status.nowMillis()) {
			Instant claimBy = status.token().isEmpty() ? Instant.ofEpochMilli(status.untilMillis()) : null;
			return new Place(ticket, live.eventId(), 0L, Place.State.ADMITTED, Place.Wait.NONE, null, claimBy);
		}
		return new Place(ticket, live.eventId(), 0L, Place.State.EXPIRED, Place.Wait.NONE, null, null);
	}

	/** 404 if the caller has no such place; true when it is given up (its token, if any, revoked). */
	Mono<Void> leave(String ticket, String user) {
		OptionalLong eventId = Tickets.eventOf(ticket);
		if (eventId.isEmpty()) {
			return Mono.error(QueueProblems.ticketNotFound(ticket));
		}
		return scripts.leave(new QueueKeys(eventId.getAsLong()), ticket, user)
			.flatMap(left -> left ? Mono.<Void>empty() : Mono.error(QueueProblems.ticketNotFound(ticket)));
	}

	record Token(String admissionToken, Instant expiresAt) {
	}

	/** The admitted caller's token; the same one if they claimed before. */
	Mono<Token> claim(String ticket, String user) {
		OptionalLong eventId = Tickets.eventOf(ticket);
		if (eventId.isEmpty()) {
			return Mono.error(QueueProblems.ticketNotFound(ticket));
		}
		long event = eventId.getAsLong();
		return Mono.defer(() -> {
			Instant now = clock.instant();
			Instant expiresAt = now.plus(settings.tokenTtl());
			String jti = Tickets.random();
			String token = tokens.sign(user, event, jti, now, expiresAt);
			return scripts.claim(new QueueKeys(event), ticket, user, jti, token, expiresAt.toString());
		}).flatMap(claim -> {
			if (claim instanceof Claimed claimed) {
				if (claimed.issued()) {
					metrics.tokenIssued(Duration.ofMillis(claimed.waitedMillis()));
				}
				return Mono.just(new Token(claimed.token(), Instant.parse(claimed.expiresAt())));
			}
			return Mono.error(switch ((Refusal) claim) {
				case NOT_FOUND -> QueueProblems.ticketNotFound(ticket);
				case NOT_ADMITTED -> QueueProblems.notAdmittedYet(ticket);
				case EXPIRED -> QueueProblems.admissionExpired(ticket, event);
			});
		});
	}

	/** The line is past opening and not drawn yet: wait for the draw. */
	private static final class LineNotDrawn extends RuntimeException {

		LineNotDrawn() {
			super("line not drawn yet", null, false, false);
		}
	}
}
