package io.boxoffice.platform;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WORKAROUND for a Reactor Netty bug: https://github.com/reactor/reactor-netty/issues/4361 (fix
 * proposed in https://github.com/reactor/reactor-netty/pull/4347). It is in 1.3.6, which Boot 4.1.0
 * manages, and in 1.3.7, the newest release; there is no release with a fix to upgrade to.
 *
 * <p>The HTTP/1.1 server reads on demand: after each exchange something must call {@code ctx.read()}
 * again, or the next request on the connection is never read. The bug: a request that arrives while
 * the previous exchange is still finishing (its response was written from another thread, e.g. a
 * database or health-check thread) is queued together with its trailing {@code LastHttpContent}.
 * When that queued request is then answered synchronously on the event loop (a 400 for a malformed
 * parameter, a 404 for an unknown path), its exchange ends while the trailing content is still
 * queued, and the drain task that consumes the content returns without requesting a read. The
 * connection stays open, the next request sits unread in the socket's receive queue, the client
 * waits forever. This is the hang seen in the integration tests before this class existed: every
 * event loop idle, the request's bytes in the server socket's Recv-Q, with epoll and NIO alike.
 *
 * <p>The fix re-arms the read exactly where Reactor Netty forgets to: request content that reaches
 * the reactive bridge when no exchange ({@link ChannelOperations}) is attached to the channel any
 * more belongs to a request that has been answered, so the connection is between requests and must
 * read. {@code HttpTrafficHandler} itself does the same for such content when it comes from the
 * socket; this handler adds it for content drained from the queue. A second read request while one is
 * already pending is a no-op in Netty, so the normal path is unaffected.
 *
 * <p>Remove this class once Boot manages a Reactor Netty release with the fix; {@code
 * KeepAliveConnectionIT} fails without it (or with a release that still has the bug).
 */
@Configuration(proxyBeanMethods = false)
class KeepAliveReadWorkaround {

	static final String HANDLER_NAME = "boxoffice.rearmReadAfterAnsweredRequestContent";

	@Bean
	NettyServerCustomizer rearmReadAfterAnsweredRequestContent() {
		return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			// HTTP/1.1 connections only: HTTP/2 streams do not go through HttpTrafficHandler's queue.
			if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null && pipeline.get(NettyPipeline.ReactiveBridge) != null) {
				pipeline.addBefore(NettyPipeline.ReactiveBridge, HANDLER_NAME, RearmReadAfterAnsweredRequestContent.INSTANCE);
			}
		});
	}

	@ChannelHandler.Sharable
	static final class RearmReadAfterAnsweredRequestContent extends ChannelInboundHandlerAdapter {

		static final RearmReadAfterAnsweredRequestContent INSTANCE = new RearmReadAfterAnsweredRequestContent();

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			boolean answered = msg instanceof HttpContent && !(msg instanceof HttpRequest)
					&& ChannelOperations.get(ctx.channel()) == null;
			ctx.fireChannelRead(msg);
			if (answered && ctx.channel().isActive()) {
				ctx.read();
			}
		}
	}
}
