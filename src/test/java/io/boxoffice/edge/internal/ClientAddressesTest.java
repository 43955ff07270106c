package io.boxoffice.edge.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who the client is, depending on who connected: a trusted proxy or anyone else. */
class ClientAddressesTest {

	private final ClientAddresses addresses = new ClientAddresses(List.of(AddressRange.parse("10.0.0.0/8"), AddressRange.parse("192.0.2.7")));

	@Test
	void fromATrustedProxyTheRightmostUntrustedForwardedAddressIsTheClient() {
		ServerHttpRequest seen = filter("10.1.2.3", "X-Forwarded-For", "198.51.100.9, 203.0.113.5, 10.9.9.9");
		assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("203.0.113.5");
		assertThat(seen.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
	}

	@Test
	void fromATrustedProxyTheForwardedProtoIsTheScheme() {
		ServerHttpRequest seen = filter("192.0.2.7", "X-Forwarded-Proto", "https");
		assertThat(seen.getURI().getScheme()).isEqualTo("https");
		assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).as("no X-Forwarded-For: the proxy itself").isEqualTo("192.0.2.7");
	}

	@Test
	void fromAnyoneElseForwardedHeadersAreIgnoredAndDropped() {
		ServerHttpRequest seen = filter("198.51.100.1", "X-Forwarded-For", "203.0.113.5");
		assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("198.51.100.1");
		assertThat(seen.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
		assertThat(filter("198.51.100.1", "X-Forwarded-Proto", "https").getURI().getScheme()).isEqualTo("http");
	}

	@Test
	void aHostNameOrGarbageInTheHeaderIsNeverLookedUpAndLeavesTheProxyAsTheClient() {
		ServerHttpRequest seen = filter("10.1.2.3", "X-Forwarded-For", "evil.example.com");
		assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("10.1.2.3");
		assertThat(AddressRange.literal("999.1.1.1")).isNull();
		assertThat(AddressRange.literal("[2001:db8::1]")).isNotNull();
	}

	@Test
	void rangesMatchByPrefix() {
		var range = AddressRange.parse("172.28.0.0/16");
		assertThat(range.contains(address("172.28.200.1"))).isTrue();
		assertThat(range.contains(address("172.29.0.1"))).isFalse();
		assertThat(AddressRange.parse("fd00::/8").contains(address("fd12::1"))).isTrue();
		assertThatThrownBy(() -> AddressRange.parse("proxy.internal")).isInstanceOf(IllegalArgumentException.class);
	}

	private ServerHttpRequest filter(String peer, String header, String value) {
		var request = MockServerHttpRequest.get("http://shop.example/api/time").header(header, value)
			.remoteAddress(new InetSocketAddress(address(peer), 40000)).build();
		var seen = new AtomicReference<ServerHttpRequest>();
		addresses.filter(MockServerWebExchange.from(request), exchange -> {
			seen.set(exchange.getRequest());
			return Mono.empty();
		}).block();
		return seen.get();
	}

	private static InetAddress address(String literal) {
		return AddressRange.literal(literal);
	}
}
