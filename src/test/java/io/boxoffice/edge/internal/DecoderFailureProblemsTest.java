package io.boxoffice.edge.internal;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecoderFailureProblemsTest {

	@Test
	void reactorNettysEmptyDecoderRefusalGetsAProblemBodyWithTheSameStatus() {
		var channel = new EmbeddedChannel(DecoderFailureProblems.ProblemBodies.INSTANCE);
		for (var status : new HttpResponseStatus[] { HttpResponseStatus.REQUEST_URI_TOO_LONG,
				HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HttpResponseStatus.BAD_REQUEST }) {
			channel.writeOutbound(refusal(status));
			FullHttpResponse written = channel.readOutbound();

			assertThat(written.status()).isEqualTo(status);
			assertThat(written.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
			String body = written.content().toString(StandardCharsets.UTF_8);
			assertThat(body).contains("\"status\":" + status.code()).contains("\"type\":\"/problems/");
			assertThat(written.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(written.content().readableBytes());
			written.release();
		}
	}

	@Test
	void anyOtherResponsePassesUntouched() {
		var channel = new EmbeddedChannel(DecoderFailureProblems.ProblemBodies.INSTANCE);
		var emptyButKeptAlive = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER);
		var ok = refusal(HttpResponseStatus.OK);

		channel.writeOutbound(emptyButKeptAlive, ok);

		assertThat((Object) channel.readOutbound()).isSameAs(emptyButKeptAlive);
		assertThat((Object) channel.readOutbound()).isSameAs(ok);
	}

	/** What {@code HttpServerOperations.sendDecodingFailures} writes. */
	private static FullHttpResponse refusal(HttpResponseStatus status) {
		var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.buffer(0));
		response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		return response;
	}
}
