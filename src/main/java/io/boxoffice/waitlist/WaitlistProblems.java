package io.boxoffice.waitlist;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.edge.Problem;

/** The waitlist's problems, each with a stable type URI (clients switch on these; never rename one). */
final class WaitlistProblems {

	static final URI NOT_SOLD_OUT = URI.create("/problems/not-sold-out");
	static final URI ALREADY_ON_WAITLIST = URI.create("/problems/already-on-waitlist");
	static final URI NOT_ON_WAITLIST = URI.create("/problems/not-on-waitlist");
	static final URI TOO_MANY_SEATS = URI.create("/problems/waitlist-too-many-seats");
	static final URI UNKNOWN_SECTION = URI.create("/problems/unknown-section");
	static final URI EVENT_NOT_FOUND = URI.create("/problems/event-not-found");

	private WaitlistProblems() {
	}

	static ErrorResponseException notSoldOut(long eventId, int free) {
		var problem = problem(HttpStatus.CONFLICT, NOT_SOLD_OUT, "Not sold out",
				free + " seat(s) of this event are free right now: hold them instead of joining the waitlist");
		problem.setProperty("eventId", eventId);
		problem.setProperty("freeSeats", free);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException alreadyOnWaitlist(long eventId) {
		var problem = problem(HttpStatus.CONFLICT, ALREADY_ON_WAITLIST, "Already on the waitlist",
				"You are already on this event's waitlist; leave it first to change how many seats you want");
		problem.setProperty("eventId", eventId);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException notOnWaitlist(long eventId) {
		var problem = problem(HttpStatus.NOT_FOUND, NOT_ON_WAITLIST, "Not on the waitlist", "You are not on this event's waitlist");
		problem.setProperty("eventId", eventId);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	static ErrorResponseException tooManySeats(int requested, int limit) {
		var problem = problem(HttpStatus.BAD_REQUEST, TOO_MANY_SEATS, "Too many seats",
				"You may wait for at most " + limit + " seats, not " + requested);
		problem.setProperty("limit", limit);
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	static ErrorResponseException unknownSection(long eventId, long sectionId) {
		var problem = problem(HttpStatus.BAD_REQUEST, UNKNOWN_SECTION, "Unknown section",
				"Event " + eventId + " has no section " + sectionId);
		problem.setProperty("sectionId", sectionId);
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	static ErrorResponseException eventNotFound(long eventId) {
		var problem = problem(HttpStatus.NOT_FOUND, EVENT_NOT_FOUND, "No such event", "There is no event " + eventId);
		problem.setProperty("eventId", eventId);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}
}
