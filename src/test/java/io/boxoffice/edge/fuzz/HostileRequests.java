package io.boxoffice.edge.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boxoffice.edge.fuzz.ApiOperations.Caller;
import io.boxoffice.edge.fuzz.ApiOperations.Operation;
import io.boxoffice.edge.fuzz.ApiOperations.Parameter;
import io.boxoffice.edge.fuzz.HostileTokens.Kind;

/**
 * Generates request number {@code i} of a run from the seed alone ({@code new Random(seed, i)}), so any one request
 * can be replayed without the ones before it. Each request takes a route and breaks several things at once: ids,
 * parameters, body, token, headers.
 */
public final class HostileRequests {

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
	private static final List<String> CONTENT_TYPES = List.of("application/json; charset=utf-8", "application/json;charset=UTF-16",
			"application/json; charset=nonsense", "application/json; charset=\"", "application/json; charset=", "application/json;;",
			"application/json; charset=utf-8; charset=latin1", "text/plain", "application/x-www-form-urlencoded",
			"multipart/form-data; boundary=x", "application/xml", "*/*", "application/*", "a/b/c", "json", "",
			"application/json\u0000", "application/problem+json", "application/json; q=abc", "application/json; charset=x-unknown-9",
			"application/json; charset=utf-8\u00ff", "application/json; boundary=\"\\\"", "application/json; charset=ISO-8859-1");
	private static final List<String> ACCEPTS = List.of("application/json", "application/xml", "text/html", "*/*",
			"application/problem+json", "garbage", "text/event-stream", "application/json;q=0", "application/json; q=abc", "*/",
			"image/png", "text/plain; charset=nonsense");
	private static final List<String> ODD_HEADERS = List.of("X-Fuzz: a\u0000b", "X-Fuzz: \u00ff\u00fe", "X-Fuzz: \u0007",
			"X-Forwarded-For: garbage, 999.1.1.1", "Forwarded: for=\"[::1\"", "X-Forwarded-Host: evil.example",
			"X-Forwarded-Proto: gopher", "Range: bytes=0-1", "If-None-Match: *", "If-Modified-Since: yesterday",
			"Origin: http://evil.example", "Access-Control-Request-Method: PUT", "Content-Encoding: gzip",
			"Accept-Encoding: br;q=nope", "Accept-Language: xx-XX;q=2", "X-Request-Id: " + "r".repeat(300),
			"X-Request-Id: <script>", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Cache-Control: no-cache, max-age=-1",
			"X-HTTP-Method-Override: DELETE", "Max-Forwards: -1", "Via: 1.1 evil", "Content-Language: \u00e9");

	private final List<Operation> operations;
	private final JsonBodies bodies;
	private final HostileTokens tokens;
	private final Map<String, String> goodIds;
	private final long seed;

	/**
	 * @param goodIds an existing id per path prefix ({@code /api/events/} → an event id), so that some requests get
	 * past the lookup
	 */
	HostileRequests(List<Operation> operations, JsonBodies bodies, HostileTokens tokens, Map<String, String> goodIds, long seed) {
		this.operations = operations;
		this.bodies = bodies;
		this.tokens = tokens;
		this.goodIds = goodIds;
		this.seed = seed;
	}

	public FuzzRequest request(int index) {
		var random = new Random(seed * 1_000_003L + index);
		Operation operation = operations.get(random.nextInt(operations.size()));
		var notes = new ArrayList<String>();
		var secrets = new ArrayList<String>();
		String method = operation.method();
		if (random.nextInt(100) < 4) {
			method = HostileValues.pick(random, List.of("PATCH", "TRACE", "PROPFIND", "get", "DELETE", "PUT"));
			notes.add("method " + method);
		}
		String target = path(operation, random, notes) + query(operation, random, notes);
		var headers = new ArrayList<String>();
		if (random.nextInt(100) < 2) {
			notes.add("no Host");
		}
		else {
			headers.add("Host: " + (random.nextInt(100) < 3 ? HostileValues.pick(random, List.of("", "evil.example:99999", "[::1", "a b")) : "localhost"));
		}
		headers.add("Connection: close");
		authorization(operation, random, headers, secrets, notes);
		if (random.nextInt(100) < 30) {
			String session = "s3cr3t-session-" + Long.toHexString(random.nextLong());
			secrets.add(session);
			headers.add("Cookie: SESSION=" + session + "; theme=dark");
		}
		if (random.nextInt(100) < 12) { // most Accept headers here are refused up front: keep them rare so the rest gets deep
			headers.add("Accept: " + HostileValues.pick(random, ACCEPTS));
		}
		if (operation.path().startsWith("/api/holds") || operation.path().startsWith("/api/bookings")) {
			if (random.nextBoolean()) {
				headers.add("Idempotency-Key: " + HostileValues.pick(random, List.of("k", "key-" + random.nextInt(), "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
						"k".repeat(500), "a b c d e f g h", "fuzz-key-0001")));
			}
		}
		for (int odd = 0; odd < 3 && random.nextInt(100) < 15; odd++) {
			String header = HostileValues.pick(random, ODD_HEADERS);
			headers.add(header);
			notes.add("header " + FuzzRequest.excerpt(header, 30));
		}
		if (random.nextInt(100) < 2) {
			headers.add("X-Large: " + "a".repeat(9_000 + random.nextInt(9_000)));
			notes.add("large header");
		}
		byte[] body = null;
		JsonBodies.Mode mode = JsonBodies.Mode.PLAIN;
		boolean sendsBody = !operation.bodySchema().isMissingNode() ? random.nextInt(100) < 95 : random.nextInt(100) < 10;
		if (sendsBody) {
			var generated = bodies.hostile(operation.bodySchema(), random);
			body = generated.bytes();
			mode = generated.mode();
			notes.add(generated.note());
			headers.add("Content-Type: " + (random.nextInt(100) < 60 ? "application/json" : HostileValues.pick(random, CONTENT_TYPES)));
			switch (mode) {
				case PLAIN -> headers.add("Content-Length: " + body.length);
				case CHUNKED -> {
					headers.add("Transfer-Encoding: chunked");
					body = chunked(body);
				}
				case DECLARED_ONLY -> headers.add("Content-Length: 52428800");
			}
		}
		return new FuzzRequest(index, method, operation.toString(), target, headers, body, mode, notes, secrets);
	}

	private String path(Operation operation, Random random, List<String> notes) {
		Matcher variables = PATH_VARIABLE.matcher(operation.path());
		var path = new StringBuilder();
		while (variables.find()) {
			String value;
			if (random.nextInt(100) < 35) {
				value = goodId(operation.path());
			}
			else {
				value = HostileValues.pick(random, HostileValues.IDS);
				notes.add("id " + FuzzRequest.excerpt(value, 20));
			}
			variables.appendReplacement(path, Matcher.quoteReplacement(value));
		}
		variables.appendTail(path);
		return path.toString();
	}

	private String goodId(String route) {
		return goodIds.entrySet().stream().filter(entry -> route.startsWith(entry.getKey())).map(Map.Entry::getValue).findFirst().orElse("1");
	}

	private static String query(Operation operation, Random random, List<String> notes) {
		var params = new ArrayList<String>();
		for (Parameter parameter : operation.parameters()) {
			if (!"query".equals(parameter.in()) || random.nextInt(100) >= 60) {
				continue;
			}
			String value = "after".equals(parameter.name()) && random.nextInt(100) < 70 ? HostileValues.cursor(random)
					: random.nextInt(100) < 70 ? HostileValues.pick(random, HostileValues.QUERY_VALUES) : "1";
			params.add(parameter.name() + "=" + value);
			if (random.nextInt(100) < 5) {
				params.add(parameter.name() + "=" + HostileValues.pick(random, HostileValues.QUERY_VALUES));
				notes.add("repeated " + parameter.name());
			}
		}
		if (random.nextInt(100) < 10) {
			params.add(HostileValues.pick(random, List.of("unknown=1", "%00=%00", "=x", "a[b]=c", "%zz=1", "&&&", "q", "__proto__=1")));
		}
		if (random.nextInt(100) < 5) {
			int length = random.nextBoolean() ? 2_000 + random.nextInt(1_500) : 5_000 + random.nextInt(20_000);
			params.add("q=" + "x".repeat(length));
			notes.add("query of " + length + " chars");
		}
		return params.isEmpty() ? "" : "?" + String.join("&", params);
	}

	private void authorization(Operation operation, Random random, List<String> headers, List<String> secrets, List<String> notes) {
		Kind good = operation.caller() == Caller.ADMIN ? Kind.ADMIN : operation.caller() == Caller.USER ? Kind.USER : Kind.NONE;
		Kind kind = random.nextInt(100) < 45 ? good : Kind.values()[random.nextInt(Kind.values().length)];
		if (kind == Kind.ADMIN && operation.path().endsWith("/reindex")) {
			kind = Kind.FORGED; // a valid reindex is not refused: it would rebuild the search index under the other tests
		}
		String header = tokens.header(kind, random);
		if (kind != good) {
			notes.add("token " + kind);
		}
		if (header == null) {
			return;
		}
		headers.add("Authorization: " + header);
		if (header.length() > 20) {
			secrets.add(header.substring(header.indexOf(' ') + 1));
		}
		if (random.nextInt(100) < 3) {
			headers.add("Authorization: " + header);
			notes.add("two Authorization headers");
		}
	}

	private static byte[] chunked(byte[] body) {
		var out = new ByteArrayOutputStream();
		for (int at = 0; at < body.length; at += 8192) {
			int size = Math.min(8192, body.length - at);
			out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.write(body, at, size);
			out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		}
		out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}
}
