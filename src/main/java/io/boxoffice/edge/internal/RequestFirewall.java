package io.boxoffice.edge.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import io.boxoffice.edge.ProblemTypes;

/**
 * Spring Security's strict firewall (it refuses URLs that are not normalised or carry {@code ;}, {@code //},
 * encoded slashes and the like, unknown methods, and header names or values with control characters), with two
 * changes:
 * <ul>
 * <li>a refusal is a 400 problem+json that says what was refused, not an empty 400;
 * <li>header names and values (and query parameter names) are checked by a loop instead of the firewall's default
 * regular expressions. The rule is the same (assigned Unicode and no control characters; a tab is allowed in a
 * value), but the expression ran over the whole bearer token each time a filter read the {@code Authorization}
 * header: 1.8% of a seat hold's CPU (BENCHMARKS.md, "What we tried").
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RequestFirewall {

	@Bean
	ServerWebExchangeFirewall firewall() {
		var firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowedHeaderNames(RequestFirewall::isAllowedHeaderName);
		firewall.setAllowedHeaderValues(RequestFirewall::isAllowedHeaderValue);
		firewall.setAllowedParameterNames(RequestFirewall::isAllowedHeaderName); // the default uses the names' rule too
		return firewall;
	}

	@Bean
	ServerExchangeRejectedHandler rejectedRequests(ProblemWriter writer) {
		return (exchange, rejected) -> writer.write(exchange, ProblemWriter.problem(HttpStatus.BAD_REQUEST,
				ProblemTypes.INVALID_REQUEST, "Request refused", rejected.getMessage()));
	}

	/** What {@link StrictServerWebExchangeFirewall#ALLOWED_HEADER_NAMES} allows: assigned code points, no controls. */
	static boolean isAllowedHeaderName(String name) {
		return onlyAssignedAndNoControls(name, false);
	}

	/** What {@link StrictServerWebExchangeFirewall#ALLOWED_HEADER_VALUES} allows: the same, and tabs. */
	static boolean isAllowedHeaderValue(String value) {
		return onlyAssignedAndNoControls(value, true);
	}

	/** No text (a header that is not there) passes, as with the firewall's defaults. */
	private static boolean onlyAssignedAndNoControls(String text, boolean tabAllowed) {
		if (text == null) {
			return true;
		}
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}
}
