package io.boxoffice.platform;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Slf4jLogFactory;

/**
 * Commons Logging (what Spring and the Elasticsearch client log through) to SLF4J, like commons-logging's own
 * {@link Slf4jLogFactory}, but checking the level before a message is turned into a string. That factory calls
 * {@code String.valueOf(message)} first and lets Logback drop the result, so Spring's lazy
 * {@code logger.debug(LogMessage.format(...))} is formatted on every call, debug on or off: Spring Security's
 * request matchers did it several times per request, 1.9% of the service's CPU at the edge (BENCHMARKS.md,
 * "What we tried"). Registered in {@code META-INF/services/org.apache.commons.logging.LogFactory}, which Commons
 * Logging consults before its built-in choice. One difference: a log pattern that prints the caller's class or
 * line (Logback's caller data; ours do not) would name this wrapper instead of the Spring class that logged.
 */
public final class LevelCheckingLogFactory extends LogFactory {

	private final Slf4jLogFactory slf4j = new Slf4jLogFactory();
	private final ConcurrentMap<String, Log> logs = new ConcurrentHashMap<>();

	@Override
	public Log getInstance(Class<?> clazz) {
		return getInstance(clazz.getName());
	}

	@Override
	public Log getInstance(String name) {
		return logs.computeIfAbsent(name, logger -> new LevelCheckingLog(slf4j.getInstance(logger)));
	}

	@Override
	public Object getAttribute(String name) {
		return slf4j.getAttribute(name);
	}

	@Override
	public String[] getAttributeNames() {
		return slf4j.getAttributeNames();
	}

	@Override
	public void removeAttribute(String name) {
		slf4j.removeAttribute(name);
	}

	@Override
	public void setAttribute(String name, Object value) {
		slf4j.setAttribute(name, value);
	}

	@Override
	public void release() {
		logs.clear();
		slf4j.release();
	}

	/** Hands a message on only when its level is enabled; errors are always enabled in practice, but checked alike. */
	private record LevelCheckingLog(Log log) implements Log {

		@Override
		public void trace(Object message) {
			if (log.isTraceEnabled()) {
				log.trace(message);
			}
		}

		@Override
		public void trace(Object message, Throwable failure) {
			if (log.isTraceEnabled()) {
				log.trace(message, failure);
			}
		}

		@Override
		public void debug(Object message) {
			if (log.isDebugEnabled()) {
				log.debug(message);
			}
		}

		@Override
		public void debug(Object message, Throwable failure) {
			if (log.isDebugEnabled()) {
				log.debug(message, failure);
			}
		}

		@Override
		public void info(Object message) {
			if (log.isInfoEnabled()) {
				log.info(message);
			}
		}

		@Override
		public void info(Object message, Throwable failure) {
			if (log.isInfoEnabled()) {
				log.info(message, failure);
			}
		}

		@Override
		public void warn(Object message) {
			if (log.isWarnEnabled()) {
				log.warn(message);
			}
		}

		@Override
		public void warn(Object message, Throwable failure) {
			if (log.isWarnEnabled()) {
				log.warn(message, failure);
			}
		}

		@Override
		public void error(Object message) {
			if (log.isErrorEnabled()) {
				log.error(message);
			}
		}

		@Override
		public void error(Object message, Throwable failure) {
			if (log.isErrorEnabled()) {
				log.error(message, failure);
			}
		}

		@Override
		public void fatal(Object message) {
			error(message);
		}

		@Override
		public void fatal(Object message, Throwable failure) {
			error(message, failure);
		}

		@Override
		public boolean isTraceEnabled() {
			return log.isTraceEnabled();
		}

		@Override
		public boolean isDebugEnabled() {
			return log.isDebugEnabled();
		}

		@Override
		public boolean isInfoEnabled() {
			return log.isInfoEnabled();
		}

		@Override
		public boolean isWarnEnabled() {
			return log.isWarnEnabled();
		}

		@Override
		public boolean isErrorEnabled() {
			return log.isErrorEnabled();
		}

		@Override
		public boolean isFatalEnabled() {
			return log.isFatalEnabled();
		}
	}
}
