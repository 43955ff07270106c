package io.boxoffice.edge;

import java.net.URI;

/** Stable {@code type} URIs of the problems the edge itself reports; modules define their own next to their errors. */
final class ProblemTypes {

	static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");
	static final URI INTERNAL = URI.create("/problems/internal");

	private ProblemTypes() {
	}
}
