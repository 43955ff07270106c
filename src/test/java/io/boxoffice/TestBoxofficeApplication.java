package io.boxoffice;

import java.net.URI;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.boxoffice.demo.DemoDataset;
import io.boxoffice.search.SearchIndexing;
import io.boxoffice.support.services.BackingServices;
import io.boxoffice.support.services.BackingServicesInitializer;
import io.boxoffice.support.stripe.FakeStripe;

/**
 * The demo run command ({@code ./mvnw spring-boot:test-run}): starts PostgreSQL, Redis, Kafka and
 * Elasticsearch (kept under {@code target/backing-services/demo} between runs), the application with
 * the {@code demo} profile, loads the demo dataset if the database is empty, and prints where to look.
 */
public class TestBoxofficeApplication {

	public static void main(String[] args) {
		var application = new SpringApplication(BoxofficeApplication.class);
		application.addInitializers(new BackingServicesInitializer(BackingServices.Mode.DEMO));
		application.setAdditionalProfiles("demo");
		// Readiness stays out of service until the dataset below is loaded (DemoDataReadiness).
		application.setDefaultProperties(java.util.Map.of("boxoffice.demo.await-data", "true"));
		ConfigurableApplicationContext context = application.run(args);
		boolean loaded = context.getBean(DemoDataset.class).loadIfAbsent().block();
		// The index must match the demo data, also after a ./mvnw clean of the search node only, or a reload.
		context.getBean(SearchIndexing.class).reindexIfStale().block();
		pointStripeWebhooksAtThisApplication(context);
		printWhereToLook(context, loaded);
	}

	/** The fake Stripe starts before the application, so it learns the application's port only now. */
	private static void pointStripeWebhooksAtThisApplication(ConfigurableApplicationContext context) {
		if (FakeStripe.isRunning()) {
			String port = context.getEnvironment().getProperty("local.server.port");
			FakeStripe.running().deliverWebhooksTo(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"));
		}
	}

	private static void printWhereToLook(ConfigurableApplicationContext context, boolean loaded) {
		String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
		var lines = new java.util.ArrayList<String>(List.of(
				"",
				"================================================================================",
				" Boxoffice is running at " + base + (loaded ? "   (demo dataset loaded)" : "   (demo dataset already present)"),
				"",
				"   Upcoming events   " + base + "/api/events?size=5",
				"   In one city       " + base + "/api/events?city=London&category=CONCERT",
				"   Search            " + base + "/api/search?q=rock&near=51.5,-0.12&radiusKm=100&sort=distance",
				"   One event         " + base + "/api/events/1",
				"   Its seat map      " + base + "/api/events/1/seatmap",
				"   Live availability " + base + "/api/events/1/availability",
				"   Health            " + base + "/actuator/health",
				"   API docs          " + base + "/swagger-ui.html",
				"",
				" Holds, bookings and /api/admin need a token (demo profile only):",
				"   curl -s -X POST " + base + "/api/dev/token -H 'Content-Type: application/json' \\",
				"        -d '{\"user\":\"ada\",\"roles\":[\"USER\",\"ADMIN\"]}'",
				"   then send  Authorization: Bearer <token>",
				"",
				" Backing services (data in target/backing-services/demo):"));
		BackingServices.start(BackingServices.Mode.DEMO).describe().forEach(line -> lines.add("   " + line));
		if (FakeStripe.isRunning()) {
			lines.add("   Stripe webhooks    " + FakeStripe.running().webhookDestination() + "   (sent by the fake)");
			lines.add("   Stripe test cards  pm_card_visa, pm_card_chargeDeclined, pm_card_threeDSecure2Required");
		}
		lines.add("");
		lines.add(" Stop with Ctrl-C: the backing services stop with the application.");
		lines.add("================================================================================");
		System.out.println(String.join(System.lineSeparator(), lines));
	}
}
