package io.boxoffice.edge;

import java.net.URI;

/**
 * Stable {@code type} URIs of the problems the edge itself reports (framework errors, security, rate
 * limits). Modules define their own next to their errors. Clients may switch on these; never rename one.
 */
public final class ProblemTypes {

	public static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");
	public static final URI MALFORMED_BODY = URI.create("/problems/malformed-body");
	public static final URI VALIDATION_FAILED = URI.create("/problems/validation-failed");
	public static final URI NOT_FOUND = URI.create("/problems/not-found");
	public static final URI METHOD_NOT_ALLOWED = URI.create("/problems/method-not-allowed");
	public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("/problems/unsupported-media-type");
	public static final URI NOT_ACCEPTABLE = URI.create("/problems/not-acceptable");
	public static final URI BODY_TOO_LARGE = URI.create("/problems/body-too-large");
	public static final URI UNAUTHENTICATED = URI.create("/problems/unauthenticated");
	public static final URI INVALID_TOKEN = URI.create("/problems/invalid-token");
	public static final URI FORBIDDEN = URI.create("/problems/forbidden");
	public static final URI RATE_LIMITED = URI.create("/problems/rate-limited");
	public static final URI OVERLOADED = URI.create("/problems/overloaded");
	public static final URI INTERNAL = URI.create("/problems/internal");
	public static final URI URI_TOO_LONG = URI.create("/problems/uri-too-long");
	public static final URI HEADERS_TOO_LARGE = URI.create("/problems/headers-too-large");

	private ProblemTypes() {
	}
}
