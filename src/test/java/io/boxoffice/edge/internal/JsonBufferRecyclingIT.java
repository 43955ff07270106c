package io.boxoffice.edge.internal;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonEncoder;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's JSON encoder reuses its scratch buffers instead of allocating them for every response. */
@IntegrationTest
class JsonBufferRecyclingIT {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

	@Autowired
	ServerCodecConfigurer codecs;

	record Answer(String holdId, long eventId, List<Long> seats) {
	}

	@Test
	void encodingASmallAnswerAllocatesFarLessThanJacksonsTwoScratchBuffers() {
		JacksonJsonEncoder encoder = codecs.getWriters().stream()
			.filter(EncoderHttpMessageWriter.class::isInstance)
			.map(writer -> ((EncoderHttpMessageWriter<?>) writer).getEncoder())
			.filter(JacksonJsonEncoder.class::isInstance)
			.map(JacksonJsonEncoder.class::cast)
			.findFirst().orElseThrow();
		var answer = new Answer("9f3a7c21d4e8b605", 42, List.of(101L, 102L));
		int length = encodeTimes(encoder, answer, 1);
		encodeTimes(encoder, answer, 20_000); // past the interpreter and the first compilations

		int times = 10_000;
		long before = THREADS.getCurrentThreadAllocatedBytes();
		long written = encodeTimes(encoder, answer, times);
		long perAnswer = (THREADS.getCurrentThreadAllocatedBytes() - before) / times;

		assertThat(written).isEqualTo((long) length * times);
		// Without recycling each encoding allocates a fresh 8,000-byte and 8,000-char buffer (about 24 KB).
		assertThat(perAnswer).isLessThan(4_000);
	}

	/** The bytes written in all. */
	private static int encodeTimes(JacksonJsonEncoder encoder, Answer answer, int times) {
		var type = ResolvableType.forInstance(answer);
		int written = 0;
		for (int i = 0; i < times; i++) {
			var json = encoder.encodeValue(answer, DefaultDataBufferFactory.sharedInstance, type, MediaType.APPLICATION_JSON, Map.of());
			written += json.readableByteCount();
			DataBufferUtils.release(json);
		}
		return written;
	}
}
