package io.boxoffice.edge.internal;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The last line: errors that escape web filters or happen outside a controller still leave as
 * problem+json (ahead of Boot's default handler, which would write its own JSON shape).
 */
@Component
@Order(-2) // Boot's DefaultErrorWebExceptionHandler is -1
class ProblemWebExceptionHandler implements WebExceptionHandler {

	private final ProblemWriter writer;

	ProblemWebExceptionHandler(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(failure);
		}
		ErrorResponse response = failure instanceof ErrorResponse known ? known : UnexpectedFailures.answer(exchange, failure);
		ProblemDetail problem = response.getBody();
		exchange.getResponse().getHeaders().addAll(response.getHeaders());
		ProblemDetailsAdvice.complete(problem, exchange);
		return writer.write(exchange, problem);
	}
}
