package io.boxoffice.edge;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An expected refusal (a seat just taken, an unknown id, a declined card) carrying its problem, which the edge
 * renders as problem+json. It has no stack trace: it is an answer, not a bug, and under an on-sale surge a 409
 * is as common as a 201; capturing a reactive call stack of a hundred frames for each would be wasted work.
 * Unexpected failures keep their stack traces and become a 500 whose trace is logged.
 */
public class Problem extends ErrorResponseException {

	public Problem(HttpStatusCode status, ProblemDetail body) {
		super(status, body, null);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}
}
