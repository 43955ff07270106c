package io.boxoffice.support.services;

import java.util.Map;

/** One running backing service and the Spring properties that point the application at it. */
interface BackingService {

	String name();

	/** Where the service listens, for the start-up banner (e.g. {@code 127.0.0.1:5432}). */
	String address();

	Map<String, Object> properties();

	void stop();
}
