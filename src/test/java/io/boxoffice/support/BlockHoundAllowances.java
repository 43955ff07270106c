package io.boxoffice.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The blocking calls we accept on event loops, each with its reason. Everything else fails the test that
 * made it.
 */
public class BlockHoundAllowances implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// Static pages and the Swagger UI webjar are read from jars on the classpath: a read of an
		// already page-cached file, which is how Spring serves classpath resources everywhere.
		builder.allowBlockingCallsInside("java.util.zip.ZipFile$Source", "readFullyAt");
		builder.allowBlockingCallsInside("java.util.zip.ZipFile$Source", "readAt");
	}
}
