package io.boxoffice.support.services;

import java.io.IOException;

/**
 * Starts the backing services in a JVM of its own, says READY, and exits normally when its standard
 * input closes. {@link BackingServicesLifecycleIT} kills it or lets it exit to see what is left behind.
 */
public final class BackingServicesProbe {

	private BackingServicesProbe() {
	}

	public static void main(String[] args) throws IOException {
		var services = BackingServices.start(BackingServices.Mode.TEST);
		System.out.println("READY " + services.directory());
		System.out.flush();
		while (System.in.read() != -1) {
			// wait for the parent to close our standard input
		}
		System.exit(0);
	}
}
