package io.boxoffice.edge.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One generated request, as it goes out on the wire, with what it was meant to break ({@code notes}) and the
 * secrets it carries (bearer tokens, cookie values) that no response may echo.
 */
public record FuzzRequest(int index, String method, String route, String target, List<String> headers, byte[] body,
		JsonBodies.Mode mode, List<String> notes, List<String> secrets) {

	public boolean writes() {
		return !List.of("GET", "HEAD", "OPTIONS").contains(method);
	}

	public String head() {
		return method + " " + target + " HTTP/1.1\r\n" + String.join("\r\n", headers);
	}

	/** For failure messages: the request line, headers with secrets cut short, and the start of the body. */
	public String describe() {
		String shownHeaders = headers.stream().map(header -> {
			String shown = header;
			for (String secret : secrets) {
				if (secret.length() > 12) {
					shown = shown.replace(secret, secret.substring(0, 12) + "…");
				}
			}
			return "    " + excerpt(shown, 160);
		}).collect(Collectors.joining("\n"));
		String bodyText = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
		return "#" + index + " " + method + " " + excerpt(target, 300) + "   (route " + route + "; " + String.join(", ", notes) + ")\n"
				+ shownHeaders + "\n    body (" + (body == null ? 0 : body.length) + " bytes, " + mode + "): " + excerpt(bodyText, 300);
	}

	static String excerpt(String text, int max) {
		String printable = text.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n");
		return printable.length() <= max ? printable : printable.substring(0, max) + "… (" + printable.length() + " chars)";
	}
}
