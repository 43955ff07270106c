package io.boxoffice;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** BlockHound is installed for every test JVM (blockhound-junit-platform); this proves it is really on. */
class BlockHoundTest {

	@Test
	void sleepingOnANonBlockingThreadIsReported() {
		Mono<String> blocking = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.parallel());

		StepVerifier.create(blocking)
			.expectErrorMatches(error -> error instanceof BlockingOperationError)
			.verify(Duration.ofSeconds(5));
	}
}
