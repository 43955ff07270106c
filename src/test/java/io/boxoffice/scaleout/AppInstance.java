package io.boxoffice.scaleout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.BoxofficeApplication;
import io.boxoffice.jobs.Job;
import io.boxoffice.jobs.JobHandler;
import io.boxoffice.support.services.BackingServicesInitializer;

/**
 * One application instance in this JVM, as a replica would run it: its own Spring context on its own port, on the
 * backing services every instance shares. It has one extra job kind, {@link #PROBE}, whose runs it records by job id,
 * so a test sees which instance ran which job. {@link #kill()} takes it away (its sockets, its Postgres sessions and so
 * its locks go with it).
 */
final class AppInstance implements AutoCloseable {

	static final String PROBE = "test.instance-probe";

	/** Job id → the names of the instances that ran it, every run counted. */
	static final Map<Long, List<String>> PROBE_RUNS = new ConcurrentHashMap<>();

	private final String name;
	private final ConfigurableApplicationContext context;
	private final int port;

	private AppInstance(String name, ConfigurableApplicationContext context) {
		this.name = name;
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	static AppInstance start(String name, Map<String, String> properties) {
		String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		var context = new SpringApplicationBuilder(BoxofficeApplication.class)
			.initializers(new BackingServicesInitializer(),
					(GenericApplicationContext app) -> {
						app.registerBean("instanceProbeJobs", JobHandler.class, () -> new Probe(name));
						// Event loops of its own: with Reactor Netty's global ones (Boot's default), stopping one instance
						// disposes the loops every other instance in this JVM serves on.
						app.registerBean("reactorResourceFactory", ReactorResourceFactory.class, () -> {
							var resources = new ReactorResourceFactory();
							resources.setUseGlobalResources(false);
							return resources;
						});
					})
			.run(arguments);
		return new AppInstance(name, context);
	}

	String name() {
		return name;
	}

	int port() {
		return port;
	}

	boolean running() {
		return context.isActive();
	}

	<T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	/** A bean of a type this application does not declare (a test helper), made with its beans. */
	<T> T create(Class<T> type) {
		return context.getAutowireCapableBeanFactory().createBean(type);
	}

	/** A gauge of this instance's registry, 0 once it is gone. */
	double gauge(String meter) {
		return running() ? bean(MeterRegistry.class).get(meter).gauge().value() : 0;
	}

	WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
	}

	void kill() {
		context.close();
	}

	@Override
	public void close() {
		if (running()) {
			kill();
		}
	}

	@Override
	public String toString() {
		return "instance " + name + " on port " + port;
	}

	/** Probe jobs of this instance ran, by id. */
	static Set<Long> probesRunBy(String instance) {
		var ids = new TreeSet<Long>();
		PROBE_RUNS.forEach((id, runners) -> {
			if (runners.contains(instance)) {
				ids.add(id);
			}
		});
		return ids;
	}

	/** Takes a little while, as real work does, so that one instance cannot claim every job before the other looks. */
	private record Probe(String instance) implements JobHandler {

		@Override
		public String kind() {
			return PROBE;
		}

		@Override
		public Mono<Void> handle(Job job) {
			return Mono.delay(Duration.ofMillis(100))
				.doOnNext(tick -> PROBE_RUNS.computeIfAbsent(job.id(), id -> new CopyOnWriteArrayList<>()).add(instance))
				.then();
		}
	}
}
