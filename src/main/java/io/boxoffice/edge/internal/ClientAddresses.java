package io.boxoffice.edge.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Settles who the client is before anything else looks (security, rate limits, the seat-map's connections per
 * address). Behind a trusted proxy, the client is the right-most {@code X-Forwarded-For} entry that is not itself
 * a trusted proxy (the entries to its left are whatever the client sent), and the scheme is the proxy's
 * {@code X-Forwarded-Proto}, so HSTS goes out on requests that came in over HTTPS. From any other peer the
 * connection's own address and scheme stand, and forwarded headers are dropped so nothing downstream can be fooled
 * by them. Spring's {@code server.forward-headers-strategy} trusts every peer and yields an unresolved address
 * (every client in one "unknown" rate-limit bucket), so it must stay off (docs/security.md, "Proxies").
 */
final class ClientAddresses implements WebFilter {

	static final String FORWARDED_FOR = "X-Forwarded-For";
	static final String FORWARDED_PROTO = "X-Forwarded-Proto";
	private static final List<String> FORWARDING_HEADERS = List.of(FORWARDED_FOR, FORWARDED_PROTO, "X-Forwarded-Host",
			"X-Forwarded-Port", "X-Forwarded-Prefix", "X-Real-IP", "Forwarded");

	private final List<AddressRange> trustedProxies;

	ClientAddresses(List<AddressRange> trustedProxies) {
		this.trustedProxies = List.copyOf(trustedProxies);
	}

	/** A constant: WebFlux's filter chain names a checkpoint with it on every request. */
	@Override
	public String toString() {
		return "ClientAddresses";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		InetSocketAddress peer = request.getRemoteAddress();
		if (peer != null && peer.getAddress() != null && isTrusted(peer.getAddress())) {
			return chain.filter(exchange.mutate().request(asForwarded(request, peer)).build());
		}
		if (hasForwardingHeaders(request.getHeaders())) {
			return chain.filter(exchange.mutate().request(builder -> builder.headers(this::dropForwardingHeaders)).build());
		}
		return chain.filter(exchange);
	}

	private ServerHttpRequest asForwarded(ServerHttpRequest request, InetSocketAddress proxy) {
		HttpHeaders headers = request.getHeaders();
		InetAddress client = clientFrom(headers.get(FORWARDED_FOR));
		String scheme = lastValue(headers.get(FORWARDED_PROTO));
		ServerHttpRequest.Builder forwarded = request.mutate()
			.remoteAddress(client == null ? proxy : new InetSocketAddress(client, 0))
			.headers(this::dropForwardingHeaders);
		if ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) {
			URI uri = UriComponentsBuilder.fromUri(request.getURI()).scheme(scheme.toLowerCase(Locale.ROOT)).build(true).toUri();
			forwarded.uri(uri);
		}
		return forwarded.build();
	}

	/** Right to left: the first entry that is not one of our proxies is the client as our outermost proxy saw it. */
	private InetAddress clientFrom(List<String> values) {
		if (values == null) {
			return null;
		}
		for (int v = values.size() - 1; v >= 0; v--) {
			String[] entries = values.get(v).split(",");
			for (int e = entries.length - 1; e >= 0; e--) {
				InetAddress address = AddressRange.literal(entries[e]);
				if (address == null) {
					return null; // garbage at this hop: nothing further left can be trusted either
				}
				if (!isTrusted(address)) {
					return address;
				}
			}
		}
		return null;
	}

	private static String lastValue(List<String> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		String last = values.get(values.size() - 1);
		return last.substring(last.lastIndexOf(',') + 1).strip();
	}

	private boolean isTrusted(InetAddress address) {
		for (AddressRange range : trustedProxies) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasForwardingHeaders(HttpHeaders headers) {
		for (String name : FORWARDING_HEADERS) {
			if (headers.containsHeader(name)) {
				return true;
			}
		}
		return false;
	}

	private void dropForwardingHeaders(HttpHeaders headers) {
		FORWARDING_HEADERS.forEach(headers::remove);
	}
}
