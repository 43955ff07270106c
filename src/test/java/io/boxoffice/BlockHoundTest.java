package io.boxoffice;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

	/**
	 * Waiting on the lock of a scheduler's delayed-task queue is allowed (see BlockHoundAllowances): reported, the
	 * throw from inside the lock broke the queue and hung a parallel thread for the rest of the test JVM. A timed poll
	 * of an empty queue waits inside the same lock, which makes the allowance testable without a race.
	 */
	@Test
	void waitingOnADelayedTaskQueueIsNotReported() {
		var executor = new ScheduledThreadPoolExecutor(1);
		try {
			Mono<Boolean> waiting = Mono.fromCallable(() -> executor.getQueue().poll(5, TimeUnit.MILLISECONDS) == null)
				.subscribeOn(Schedulers.parallel());

			StepVerifier.create(waiting).expectNext(true).verifyComplete();
		}
		finally {
			executor.shutdownNow();
		}
	}
}
