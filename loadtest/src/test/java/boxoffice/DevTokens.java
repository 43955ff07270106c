package boxoffice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bearer tokens for {@code count} distinct users from the demo's {@code POST /api/dev/token}. */
final class DevTokens {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	private DevTokens() {
	}

	static List<String> fetch(String baseUrl, int count, String userPrefix) {
		var client = HttpClient.newHttpClient();
		List<String> result = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			var request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/dev/token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + userPrefix + i + "\",\"roles\":[\"USER\"]}"))
				.build();
			try {
				Matcher matcher = TOKEN.matcher(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
				if (!matcher.find()) {
					throw new IllegalStateException("POST /api/dev/token gave no token: is the demo profile on?");
				}
				result.add(matcher.group(1));
			}
			catch (IOException | InterruptedException e) {
				throw new IllegalStateException("Cannot get tokens from " + baseUrl, e);
			}
		}
		return result;
	}
}
