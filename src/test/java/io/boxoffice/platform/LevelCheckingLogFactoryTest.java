package io.boxoffice.platform;

import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LevelCheckingLogFactoryTest {

	private static final String NAME = "io.boxoffice.test.LevelChecking";

	private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);
	private final ListAppender<ILoggingEvent> appended = new ListAppender<>();

	/** A message that counts how often it is turned into a string. */
	private static final class CountingMessage {
		final AtomicInteger formatted = new AtomicInteger();

		@Override
		public String toString() {
			formatted.incrementAndGet();
			return "expensive message";
		}
	}

	LevelCheckingLogFactoryTest() {
		appended.start();
		logback.addAppender(appended);
		logback.setAdditive(false); // what is logged here is for the assertions, not the console
	}

	@AfterEach
	void detach() {
		logback.detachAppender(appended);
		logback.setLevel(null);
		logback.setAdditive(true);
	}

	@Test
	void commonsLoggingFindsThisFactory() {
		assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
	}

	@Test
	void aMessageBelowTheLevelIsNeverFormatted() {
		logback.setLevel(Level.INFO);
		Log log = LogFactory.getLog(NAME);
		var message = new CountingMessage();

		log.debug(message);
		log.trace(message, new IllegalStateException("ignored"));

		assertThat(message.formatted).hasValue(0);
		assertThat(appended.list).isEmpty();
	}

	@Test
	void aMessageAtAnEnabledLevelIsLoggedOnceWithItsFailure() {
		logback.setLevel(Level.DEBUG);
		Log log = LogFactory.getLog(NAME);
		var message = new CountingMessage();

		log.debug(message, new IllegalStateException("the cause"));

		assertThat(message.formatted).hasValue(1);
		assertThat(appended.list).singleElement().satisfies(event -> {
			assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
			assertThat(event.getFormattedMessage()).isEqualTo("expensive message");
			assertThat(event.getThrowableProxy().getMessage()).isEqualTo("the cause");
		});
	}
}
