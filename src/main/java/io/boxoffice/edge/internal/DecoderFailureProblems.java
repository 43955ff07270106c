package io.boxoffice.edge.internal;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.boxoffice.edge.ProblemTypes;

/**
 * Problem bodies for the requests Reactor Netty refuses before Spring sees them: a request line longer than the
 * server reads (414), headers larger than it reads (431), and a request it cannot parse at all, such as a NUL or
 * another forbidden character in a header (400). Reactor Netty answers these itself, with an empty body, and offers
 * no hook to change the answer ({@code HttpServerOperations.sendDecodingFailures} builds it and writes it to the
 * channel). So this outbound handler, next to the HTTP codec, recognises that answer (one of those statuses, an
 * empty body, no {@code Content-Type}, {@code Connection: close}: every answer of ours has a body and a type) and
 * swaps in the same status with a problem+json. There is no request to take a path or a correlation id from.
 */
@Configuration(proxyBeanMethods = false)
class DecoderFailureProblems {

	static final String HANDLER_NAME = "boxoffice.decoderFailureProblems";

	@Bean
	NettyServerCustomizer decoderFailureProblemBodies() {
		return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, ProblemBodies.INSTANCE);
			}
		});
	}

	@ChannelHandler.Sharable
	static final class ProblemBodies extends ChannelOutboundHandlerAdapter {

		static final ProblemBodies INSTANCE = new ProblemBodies();

		@Override
		public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
			if (message instanceof FullHttpResponse response && isDecoderFailure(response)) {
				FullHttpResponse problem = problem(response.status(), ctx.alloc().buffer());
				response.release();
				ctx.write(problem, promise);
				return;
			}
			ctx.write(message, promise);
		}

		static boolean isDecoderFailure(FullHttpResponse response) {
			int status = response.status().code();
			return (status == 400 || status == 414 || status == 431) && response.content().readableBytes() == 0
					&& !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
					&& response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
		}

		static FullHttpResponse problem(HttpResponseStatus status, ByteBuf buffer) {
			String json = switch (status.code()) {
				case 414 -> body(414, ProblemTypes.URI_TOO_LONG.toString(), "URI too long",
						"The request line (path and query) is longer than this server reads; send shorter or fewer parameters");
				case 431 -> body(431, ProblemTypes.HEADERS_TOO_LARGE.toString(), "Request headers too large",
						"The request's headers are larger than this server reads; send fewer or shorter headers");
				default -> body(400, ProblemTypes.INVALID_REQUEST.toString(), "Malformed request",
						"The request is not valid HTTP: a header has a character that is not allowed there (such as NUL or a "
								+ "line break), or the request line or a header is malformed");
			};
			buffer.writeCharSequence(json, StandardCharsets.UTF_8);
			var response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status, buffer);
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
				.setInt(HttpHeaderNames.CONTENT_LENGTH, buffer.readableBytes())
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			return response;
		}

		private static String body(int status, String type, String title, String detail) {
			return "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
		}
	}
}
