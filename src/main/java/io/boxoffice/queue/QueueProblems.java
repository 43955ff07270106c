package io.boxoffice.queue;

import java.net.URI;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.edge.Problem;

/** The waiting room's problems, each with a stable type URI (clients switch on these; never rename one). */
final class QueueProblems {

	static final URI ADMISSION_REQUIRED = URI.create("/problems/admission-required");
	static final URI QUEUE_NOT_ACTIVE = URI.create("/problems/queue-not-active");
	static final URI QUEUE_NOT_OPEN = URI.create("/problems/queue-not-open");
	static final URI NOT_ADMITTED_YET = URI.create("/problems/not-admitted-yet");
	static final URI ADMISSION_EXPIRED = URI.create("/problems/admission-expired");
	static final URI TICKET_NOT_FOUND = URI.create("/problems/queue-ticket-not-found");

	private QueueProblems() {
	}

	static String joinUrl(long eventId) {
		return "/api/events/" + eventId + "/queue";
	}

	static ErrorResponseException admissionRequired(long eventId, String detail) {
		var problem = problem(HttpStatus.FORBIDDEN, ADMISSION_REQUIRED, "Admission required", detail);
		problem.setProperty("eventId", eventId);
		problem.setProperty("joinUrl", joinUrl(eventId));
		return new Problem(HttpStatus.FORBIDDEN, problem);
	}

	static ErrorResponseException notActive(long eventId, String detail) {
		var problem = problem(HttpStatus.CONFLICT, QUEUE_NOT_ACTIVE, "No waiting room", detail);
		problem.setProperty("eventId", eventId);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException notOpen(long eventId, Instant opensAt) {
		var problem = problem(HttpStatus.CONFLICT, QUEUE_NOT_OPEN, "Waiting room not open",
				"The waiting room of event " + eventId + " opens at " + opensAt);
		problem.setProperty("eventId", eventId);
		problem.setProperty("opensAt", opensAt.toString());
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException notAdmittedYet(String ticket) {
		var problem = problem(HttpStatus.CONFLICT, NOT_ADMITTED_YET, "Not admitted yet",
				"Your turn has not come yet; claim once your place is admitted");
		problem.setProperty("ticket", ticket);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException admissionExpired(String ticket, long eventId) {
		var problem = problem(HttpStatus.GONE, ADMISSION_EXPIRED, "Admission expired",
				"Your turn was not claimed in time (or its token has run out); join the waiting room again");
		problem.setProperty("ticket", ticket);
		problem.setProperty("joinUrl", joinUrl(eventId));
		return new Problem(HttpStatus.GONE, problem);
	}

	static ErrorResponseException ticketNotFound(String ticket) {
		var problem = problem(HttpStatus.NOT_FOUND, TICKET_NOT_FOUND, "No such place",
				"You have no place in a waiting room with ticket " + ticket + " (it may have been left or reset); join again");
		problem.setProperty("ticket", ticket);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}
}
