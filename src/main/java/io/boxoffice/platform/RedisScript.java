package io.boxoffice.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DigestUtils;

/**
 * A Lua script's source and its SHA-1, worked out once. Scripts live as files under {@code src/main/resources/redis};
 * a script made of several files (a library in front of the script) is their concatenation.
 *
 * @param name what metrics and errors call it
 */
public record RedisScript(String name, String source, String sha1) {

	public RedisScript(String name, String source) {
		this(name, source, DigestUtils.sha1DigestAsHex(source));
	}

	/** The files {@code redis/<part>.lua}, in order, as one script named after the last part. */
	public static RedisScript of(String... parts) {
		String source = Arrays.stream(parts).map(RedisScript::read).collect(Collectors.joining());
		return new RedisScript(parts[parts.length - 1], source);
	}

	private static String read(String part) {
		String path = "redis/" + part + ".lua";
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + path, e);
		}
	}
}
