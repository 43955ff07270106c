package io.boxoffice.edge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/** The loops must allow exactly what Spring Security's regular expressions allow, no more and no less. */
class RequestFirewallTest {

	@Test
	void headerNamesFollowSpringSecuritysRuleForEveryCharacter() {
		assertSameVerdicts(RequestFirewall::isAllowedHeaderName, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES);
	}

	@Test
	void headerValuesFollowSpringSecuritysRuleForEveryCharacter() {
		assertSameVerdicts(RequestFirewall::isAllowedHeaderValue, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES);
	}

	@Test
	void theRuleItself() {
		String token = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl";
		assertThat(RequestFirewall.isAllowedHeaderValue(token)).isTrue();
		assertThat(RequestFirewall.isAllowedHeaderValue("a\tb")).isTrue();
		assertThat(RequestFirewall.isAllowedHeaderName("a\tb")).isFalse();
		assertThat(RequestFirewall.isAllowedHeaderValue("a\u0085b")).as("C1 control (NEL)").isFalse();
		assertThat(RequestFirewall.isAllowedHeaderValue("a\u0378b")).as("unassigned").isFalse();
		assertThat(RequestFirewall.isAllowedHeaderValue("caf\u00e9 \ud83c\udfab")).as("Latin-1 and a ticket emoji").isTrue();
		assertThat(RequestFirewall.isAllowedHeaderValue(null)).as("a header that is not there").isTrue();
	}

	/** Every single UTF-16 unit, supplementary code points around assigned and unassigned planes, and mixtures. */
	private static void assertSameVerdicts(Predicate<String> ours, Predicate<String> springs) {
		List<String> samples = new ArrayList<>(List.of("", "Authorization", "X-Request-Id", "gzip, deflate"));
		for (char c = 0; c < Character.MAX_VALUE; c++) {
			samples.add(String.valueOf(c));
			samples.add("abc" + c + "def");
		}
		for (int codePoint : new int[] { 0x1F3AB, 0x1FFFF, 0x20000, 0x2FFFE, 0xE0001, 0xE0080, 0xF0000, 0x10FFFF }) {
			samples.add("x" + Character.toString(codePoint) + "y");
		}
		samples.add("\ud83c"); // a lone high surrogate
		samples.add("a\udfabb"); // a lone low surrogate
		assertThat(ours.test(null)).as("no text at all").isEqualTo(springs.test(null));
		int refused = 0;
		for (String sample : samples) {
			boolean verdict = springs.test(sample);
			assertThat(ours.test(sample)).as("verdict on %s", sample.codePoints().boxed().toList()).isEqualTo(verdict);
			refused += verdict ? 0 : 1;
		}
		assertThat(refused).as("the samples include refused ones").isGreaterThan(1000);
	}
}
