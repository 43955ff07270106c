package io.boxoffice.support.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pid files for the server processes a JVM starts, so that the next start can stop the ones a killed
 * JVM left behind: a SIGKILL skips shutdown hooks, and an orphaned Postgres would hold its data
 * directory and ports forever.
 *
 * <p>A record is {@code <pid> <marker>}. Before stopping a recorded pid we check that the live process
 * still is ours (its working directory or command line contains the marker path), so a pid reused by
 * an unrelated process is never touched.
 */
final class ProcessRecords {

	private static final Logger log = LoggerFactory.getLogger(ProcessRecords.class);
	private static final String SUFFIX = ".pid";

	private final Path directory;

	ProcessRecords(Path directory) {
		this.directory = directory;
	}

	void record(String name, long pid, Path marker) {
		write(directory.resolve(name + SUFFIX), pid + " " + marker.toAbsolutePath());
	}

	void forget(String name) {
		delete(directory.resolve(name + SUFFIX));
	}

	/** Stops every recorded process that is still alive and still ours; returns how many it stopped. */
	int stopOrphans() {
		if (!Files.isDirectory(directory)) {
			return 0;
		}
		int stopped = 0;
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(f -> f.toString().endsWith(SUFFIX)).toList()) {
				var record = Files.readString(file).trim().split(" ", 2);
				long pid = Long.parseLong(record[0]);
				Path marker = Path.of(record[1]);
				Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(p -> belongsTo(p, marker));
				if (orphan.isPresent()) {
					log.warn("Stopping orphaned {} process {} left by a JVM that did not shut down", file.getFileName(), pid);
					stop(orphan.get(), Duration.ofSeconds(15));
					stopped++;
				}
				delete(file);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return stopped;
	}

	/** SIGTERM to the process and its children, then SIGKILL to whatever has not exited within the grace period. */
	static void stop(ProcessHandle process, Duration grace) {
		List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process)).toList();
		tree.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + grace.toNanos();
		for (ProcessHandle member : tree) {
			try {
				member.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (Exception timedOutOrInterrupted) {
				member.destroyForcibly();
			}
		}
	}

	static boolean belongsTo(ProcessHandle process, Path marker) {
		String path = marker.toAbsolutePath().toString();
		boolean inCommandLine = process.info().commandLine().map(c -> c.contains(path)).orElse(false);
		return inCommandLine || workingDirectory(process).map(cwd -> cwd.startsWith(path)).orElse(false);
	}

	private static Optional<String> workingDirectory(ProcessHandle process) {
		try {
			return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).toString());
		}
		catch (IOException | UnsupportedOperationException notLinuxOrGone) {
			return Optional.empty();
		}
	}

	private static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
