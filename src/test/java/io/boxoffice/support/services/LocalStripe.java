package io.boxoffice.support.services;

import java.util.LinkedHashMap;
import java.util.Map;

import io.boxoffice.support.stripe.FakeStripe;

/** The in-JVM fake of Stripe's API (stripe-mock cannot be installed here); it dies with the JVM. */
final class LocalStripe implements BackingService {

	private final FakeStripe fake;
	private final BackingServices.Mode mode;

	private LocalStripe(FakeStripe fake, BackingServices.Mode mode) {
		this.fake = fake;
		this.mode = mode;
	}

	static LocalStripe start(BackingServices.Mode mode) {
		return new LocalStripe(FakeStripe.startShared(), mode);
	}

	@Override
	public String name() {
		return "Stripe (fake)";
	}

	@Override
	public String address() {
		return fake.apiBase().toString();
	}

	@Override
	public Map<String, Object> properties() {
		var properties = new LinkedHashMap<>(fake.properties());
		if (mode == BackingServices.Mode.TEST) {
			// A fake on loopback answers in milliseconds: tests that make it slow should not wait 30 s for the timeout.
			properties.put("boxoffice.stripe.read-timeout", "4s");
			properties.put("boxoffice.stripe.call-timeout", "5s");
		}
		return properties;
	}

	@Override
	public void stop() {
		fake.close();
	}
}
