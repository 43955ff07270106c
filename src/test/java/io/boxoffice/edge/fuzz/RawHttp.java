package io.boxoffice.edge.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}), so a hostile request goes
 * out byte for byte: a NUL in a header, a charset no client library would write, a request line longer than the
 * server accepts. WebTestClient and the JDK's client validate (and fix) such requests before sending them.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/** What came back; {@code status} is -1 when the server closed or reset the connection without an answer. */
	public record Response(int status, Map<String, List<String>> headers, byte[] body, String failure) {

		public String header(String name) {
			List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
			return values == null || values.isEmpty() ? null : values.get(0);
		}

		public String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

		/** The response as one text (status, headers and body) to search for echoed secrets. */
		public String whole() {
			return status + " " + headers + "\n" + text();
		}
	}

	/**
	 * Sends the head (request line and headers, without the final blank line) and the body. With {@code headOnly}
	 * the declared body is never sent: the server must answer from the headers alone (an oversized
	 * {@code Content-Length}).
	 */
	public Response send(String head, byte[] body, boolean headOnly) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			String failure = null;
			try {
				out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				if (!headOnly && body != null) {
					out.write(body);
				}
				out.flush();
			}
			catch (IOException writeFailed) {
				failure = "write failed: " + writeFailed.getMessage(); // the server may have answered early; read it
			}
			byte[] raw = readAll(socket.getInputStream());
			return parse(raw, failure);
		}
		catch (IOException e) {
			return new Response(-1, Map.of(), new byte[0], e.toString());
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		var bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[16 * 1024];
		try {
			for (int n; (n = in.read(buffer)) >= 0;) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (IOException reset) {
			if (bytes.size() == 0) {
				throw reset;
			}
		}
		return bytes.toByteArray();
	}

	static Response parse(byte[] raw, String failure) {
		int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		if (headEnd < 0) {
			return new Response(-1, Map.of(), raw, failure == null ? "no complete response head" : failure);
		}
		String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		int status = Integer.parseInt(statusLine[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
		List<String> encoding = headers.get("transfer-encoding");
		if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
			body = unchunk(body);
		}
		return new Response(status, headers, body, null);
	}

	private static byte[] unchunk(byte[] chunked) {
		var body = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(java.util.Arrays.copyOfRange(chunked, at, chunked.length), new byte[] { '\r', '\n' });
			if (lineEnd < 0) {
				break;
			}
			String sizeLine = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1);
			int semicolon = sizeLine.indexOf(';');
			int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
			at += lineEnd + 2;
			if (size == 0 || at + size > chunked.length) {
				break;
			}
			body.write(chunked, at, size);
			at += size + 2;
		}
		return body.toByteArray();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}
