package io.boxoffice.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.RawHttp;
import io.boxoffice.support.RawHttp.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A direct deployment with no proxy: {@code server.ssl} with PEM files, as docs/security.md describes, and HSTS. */
@IntegrationTest
class DirectTlsIT {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void serverCertificate(DynamicPropertyRegistry properties) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("boxoffice-tls");
		Path key = directory.resolve("server.key");
		Path certificate = directory.resolve("server.crt");
		int exit = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
				"-subj", "/CN=localhost", "-keyout", key.toString(), "-out", certificate.toString())
			.redirectErrorStream(true).redirectOutput(directory.resolve("openssl.log").toFile()).start().waitFor();
		assumeTrue(exit == 0, "openssl could not make a test certificate");
		properties.add("server.ssl.enabled", () -> "true");
		properties.add("server.ssl.certificate", certificate::toString);
		properties.add("server.ssl.certificate-private-key", key::toString);
		directory.toFile().deleteOnExit(); // deleted last, once empty
		key.toFile().deleteOnExit();
		certificate.toFile().deleteOnExit();
		directory.resolve("openssl.log").toFile().deleteOnExit();
	}

	@Test
	void servesHttpsWithHsts() throws IOException {
		Response response = RawHttp.get(InetAddress.getLoopbackAddress(), port, true, "/api/time");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Strict-Transport-Security")).contains("max-age=");
	}
}
