package io.boxoffice.edge.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which peers may tell us who the client is. A request whose connection comes from one of these addresses has its
 * client address taken from {@code X-Forwarded-For} and its scheme from {@code X-Forwarded-Proto}; from anywhere
 * else those headers are ignored and dropped (docs/security.md, "Proxies").
 *
 * @param trustedProxies addresses or CIDR blocks of the reverse proxies in front of the service
 *        ({@code BOXOFFICE_EDGE_TRUSTED_PROXIES}); empty: trust no one, use the connection's address
 */
@ConfigurationProperties("boxoffice.edge")
record ProxySettings(List<String> trustedProxies) {

	ProxySettings {
		trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
	}

	List<AddressRange> trusted() {
		return trustedProxies.stream().filter(text -> !text.isBlank()).map(AddressRange::parse).toList();
	}
}
