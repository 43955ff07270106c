package io.boxoffice.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Captures the buyer's address when a booking is created ({@code POST /api/bookings} answered 201), just before
 * the answer is sent, so it is stored before the buyer can pay and be confirmed. A filter rather than a call in
 * booking: booking enqueues its mail jobs by kind and stays independent of this module (package-info).
 */
@Component
class BookingAddressCapture implements WebFilter {

	private static final Logger log = LoggerFactory.getLogger(BookingAddressCapture.class);

	private final MailAddresses addresses;

	BookingAddressCapture(MailAddresses addresses) {
		this.addresses = addresses;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		var request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST || !"/api/bookings".equals(request.getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.doOnNext(caller -> exchange.getResponse().beforeCommit(() -> HttpStatus.CREATED.equals(exchange.getResponse().getStatusCode())
					? addresses.rememberFrom(caller).onErrorResume(failed -> {
						log.warn("Could not store the address of user {} for booking mails: {}", caller.getName(), failed.toString());
						return Mono.empty();
					})
					: Mono.empty()))
			.then(chain.filter(exchange));
	}
}
