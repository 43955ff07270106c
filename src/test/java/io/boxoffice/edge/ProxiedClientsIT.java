package io.boxoffice.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.LocalNginx;
import io.boxoffice.support.RawHttp;
import io.boxoffice.support.RawHttp.Response;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped nginx config (Debian's nginx, started here) in front of the application, and clients on distinct
 * loopback addresses: each gets its own per-address bucket, a forged {@code X-Forwarded-For} moves nobody else's,
 * HTTPS responses carry HSTS, plain HTTP is redirected, and live seat-map connections are counted per client. The app trusts forwarded headers from 127.0.0.1 (where
 * nginx connects from) only; clients connect from other 127.x addresses, as the internet would.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
		"boxoffice.edge.trusted-proxies=127.0.0.1/32",
		"boxoffice.rate-limits.routes.reads.per-ip=5",
		"boxoffice.rate-limits.routes.reads.period=1h",
		"boxoffice.rate-limits.routes.holds.signed-in-per-ip=3",
		"boxoffice.rate-limits.routes.holds.period=1h",
		"boxoffice.seatmap.max-connections-per-ip=2",
		"server.netty.idle-timeout=2s" })
class ProxiedClientsIT {

	private static final int READS_PER_ADDRESS = 5;

	@LocalServerPort
	int appPort;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	private LocalNginx nginx;
	/** A fresh 127.x.y.0/24 per run: buckets live in Redis for an hour and must not carry over. */
	private final int x = ThreadLocalRandom.current().nextInt(10, 250);
	private final int y = ThreadLocalRandom.current().nextInt(0, 250);

	@BeforeAll
	void startNginx() throws Exception {
		assumeTrue(LocalNginx.installed(), "Debian's nginx (/usr/sbin/nginx) and openssl are not installed: "
				+ "apt-get install nginx (.ci/run does) to test the shipped proxy config");
		nginx = LocalNginx.prepare(appPort);
		var check = nginx.test();
		assertThat(check.exitCode()).as(check.output()).isZero();
		nginx.start();
	}

	@AfterAll
	void stopNginx() throws Exception {
		if (nginx != null) {
			nginx.close();
		}
	}

	@Test
	void theShippedConfigPassesNginxTest() throws Exception {
		var check = nginx.test();
		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("syntax is ok").contains("test is successful");
	}

	@Test
	void twoClientsBehindTheProxyHaveSeparateBuckets() throws Exception {
		InetAddress first = client(1);
		InetAddress second = client(2);
		for (int i = 0; i < READS_PER_ADDRESS; i++) {
			assertThat(viaProxy(first).status()).isEqualTo(200);
		}
		assertThat(viaProxy(first).status()).as("the first client's quota is used up").isEqualTo(429);
		Response other = viaProxy(second);
		assertThat(other.status()).as("the second client has a bucket of its own").isEqualTo(200);
		assertThat(other.header("RateLimit")).startsWith("\"reads\";r=" + (READS_PER_ADDRESS - 1) + ";");
	}

	@Test
	void aSpoofedForwardedForThroughTheProxyLocksOnlyTheSpoofer() throws Exception {
		InetAddress spoofer = client(3);
		InetAddress victim = client(4);
		for (int i = 0; i < READS_PER_ADDRESS; i++) {
			viaProxy(spoofer, "X-Forwarded-For: " + victim.getHostAddress());
		}
		assertThat(viaProxy(spoofer, "X-Forwarded-For: " + victim.getHostAddress()).status()).isEqualTo(429);
		assertThat(viaProxy(victim).status()).as("the victim's own bucket is untouched").isEqualTo(200);
	}

	@Test
	void forwardedHeadersSentStraightToTheAppAreIgnored() throws Exception {
		InetAddress spoofer = client(5);
		InetAddress victim = client(6);
		for (int i = 0; i < READS_PER_ADDRESS; i++) {
			Response response = direct(spoofer, "X-Forwarded-For: " + victim.getHostAddress(), "X-Forwarded-Proto: https");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("Strict-Transport-Security")).as("not HTTPS, whatever the header says").isNull();
		}
		assertThat(direct(spoofer, "X-Forwarded-For: " + victim.getHostAddress()).status()).isEqualTo(429);
		assertThat(viaProxy(victim).status()).isEqualTo(200);
	}

	@Test
	void httpsThroughTheProxyGetsHstsAndPlainHttpIsRedirected() throws Exception {
		Response secure = viaProxy(client(7));
		assertThat(secure.status()).isEqualTo(200);
		assertThat(secure.header("Strict-Transport-Security")).contains("max-age=");

		Response plain = RawHttp.get(client(7), nginx.httpPort(), false, "/api/time?x=1");
		assertThat(plain.status()).isEqualTo(301);
		assertThat(plain.header("Location")).isEqualTo("https://localhost/api/time?x=1");
	}

	@Test
	void signedInHoldsFromOneAddressHaveACeilingAcrossUsers() throws Exception {
		InetAddress office = client(8);
		for (int user = 0; user < 3; user++) {
			assertThat(hold(office, "office-" + x + "-" + y + "-" + user).status()).isNotIn(401, 403, 429);
		}
		Response refused = hold(office, "office-" + x + "-" + y + "-3");
		assertThat(refused.status()).as("a fourth user at the same address").isEqualTo(429);
		assertThat(refused.body()).contains("Your address has used");
		assertThat(hold(client(9), "elsewhere-" + x + "-" + y).status()).isNotIn(401, 403, 429);
	}

	@Test
	void liveSeatMapConnectionsAreCountedPerClientBehindTheProxy() throws Exception {
		TestEvent event = new CatalogFixtures(db).event("Proxied", CatalogFixtures.unique("Proxytown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
		String path = "/ws/events/" + event.id() + "/availability";
		InetAddress busy = client(11);
		try (var first = RawHttp.webSocket(busy, nginx.httpsPort(), true, path);
				var second = RawHttp.webSocket(busy, nginx.httpsPort(), true, path);
				var third = RawHttp.webSocket(busy, nginx.httpsPort(), true, path);
				var someoneElse = RawHttp.webSocket(client(12), nginx.httpsPort(), true, path)) {
			assertThat(first.receivedText()).isTrue();
			assertThat(second.receivedText()).isTrue();
			assertThat(third.refusedWith(4429)).as("a third connection from one client").isTrue();
			assertThat(someoneElse.receivedText()).as("another client behind the same proxy").isTrue();
		}
	}

	@Test
	void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
		try (var socket = new Socket(InetAddress.getLoopbackAddress(), appPort, client(10), 0)) {
			socket.setSoTimeout(20_000);
			int read;
			try {
				read = socket.getInputStream().read();
			}
			catch (SocketTimeoutException stillOpen) {
				throw new AssertionError("the server kept an idle connection open for 20 s", stillOpen);
			}
			catch (IOException reset) {
				read = -1; // closed abruptly: closed all the same
			}
			assertThat(read).as("the server closed the idle connection").isEqualTo(-1);
		}
	}

	private Response hold(InetAddress from, String user) throws IOException {
		return RawHttp.send(from, nginx.httpsPort(), true, "POST /api/holds HTTP/1.1\r\nContent-Type: application/json\r\n"
				+ "Authorization: " + TestTokens.bearer(tokens.user(user)), "{}");
	}

	private Response viaProxy(InetAddress from, String... headers) throws IOException {
		return RawHttp.get(from, nginx.httpsPort(), true, "/api/time", headers);
	}

	private Response direct(InetAddress from, String... headers) throws IOException {
		return RawHttp.get(from, appPort, false, "/api/time", headers);
	}

	private InetAddress client(int n) throws IOException {
		return InetAddress.getByAddress(new byte[] { 127, (byte) x, (byte) y, (byte) n });
	}
}
