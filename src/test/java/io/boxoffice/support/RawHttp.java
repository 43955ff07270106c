package io.boxoffice.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One HTTP/1.1 request over a socket bound to a chosen local address (127.x.y.z), so that one test can be many
 * clients: Java 17's HTTP clients cannot choose their source address. TLS trusts any certificate (the test's own).
 */
public final class RawHttp {

	private RawHttp() {
	}

	public record Response(int status, Map<String, String> headers, String body) {
		public String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}
	}

	/** Sends {@code head} (request line and headers, without the blank line) with {@code body}, and reads the answer. */
	public static Response send(InetAddress from, int port, boolean tls, String head, String body) throws IOException {
		try (Socket socket = tls ? trustingAll().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port, from, 0)
				: new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
			socket.setSoTimeout(30_000);
			byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			String request = head + "\r\nHost: localhost\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().write(content);
			socket.getOutputStream().flush();
			return parse(readAll(socket.getInputStream()));
		}
	}

	public static Response get(InetAddress from, int port, boolean tls, String path, String... headers) throws IOException {
		return send(from, port, tls, "GET " + path + " HTTP/1.1" + (headers.length == 0 ? "" : "\r\n" + String.join("\r\n", headers)), null);
	}

	/**
	 * Opens a WebSocket at {@code path} and reads the server's first frame: its opcode, and for a close frame its
	 * status code (-1 otherwise). The socket stays open until {@link WebSocketProbe#close()}.
	 */
	public static WebSocketProbe webSocket(InetAddress from, int port, boolean tls, String path) throws IOException {
		Socket socket = tls ? trustingAll().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port, from, 0)
				: new Socket(InetAddress.getLoopbackAddress(), port, from, 0);
		socket.setSoTimeout(30_000);
		String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
		InputStream in = socket.getInputStream();
		var head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		int status = Integer.parseInt(head.toString().split(" ")[1]);
		if (status != 101) {
			socket.close();
			return new WebSocketProbe(null, status, -1, -1);
		}
		int opcode = in.read() & 0x0F;
		int length = in.read() & 0x7F;
		if (length == 126) {
			length = (in.read() << 8) | in.read();
		}
		else if (length == 127) {
			throw new IOException("first frame too large for a probe");
		}
		byte[] payload = in.readNBytes(length);
		int closeCode = opcode == 0x8 && payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
		return new WebSocketProbe(socket, status, opcode, closeCode);
	}

	public record WebSocketProbe(Socket socket, int status, int firstOpcode, int closeCode) implements AutoCloseable {
		public boolean refusedWith(int code) {
			return firstOpcode == 0x8 && closeCode == code;
		}

		public boolean receivedText() {
			return firstOpcode == 0x1;
		}

		@Override
		public void close() throws IOException {
			if (socket != null) {
				socket.close();
			}
		}
	}

	private static Response parse(String raw) {
		int endOfHead = raw.indexOf("\r\n\r\n");
		String[] lines = raw.substring(0, endOfHead < 0 ? raw.length() : endOfHead).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
		}
		return new Response(status, headers, endOfHead < 0 ? "" : raw.substring(endOfHead + 4));
	}

	private static String readAll(InputStream in) throws IOException {
		var out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toString(StandardCharsets.UTF_8);
	}

	private static SSLContext trustingAll() {
		try {
			var context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new X509TrustManager() {
				@Override
				public void checkClientTrusted(X509Certificate[] chain, String authType) {
				}

				@Override
				public void checkServerTrusted(X509Certificate[] chain, String authType) {
				}

				@Override
				public X509Certificate[] getAcceptedIssuers() {
					return new X509Certificate[0];
				}
			} }, null);
			return context;
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException(failure);
		}
	}
}
