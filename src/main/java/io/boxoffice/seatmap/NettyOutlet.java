package io.boxoffice.seatmap;

import java.lang.reflect.Method;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.reactive.socket.adapter.AbstractWebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * A {@link ClientFeed}'s way onto its WebSocket's Netty channel: frames wrap the shared message arrays (no copy),
 * are written on the channel's event loop, and are flushed once per drained batch; the feed drains again when
 * the channel turns writable. Reactor Netty owns the connection otherwise (handshake, inbound, close).
 */
final class NettyOutlet implements ClientFeed.Outlet {

	/** Spring keeps the Reactor Netty connection behind a protected accessor; it is read once per connection. */
	private static final Method DELEGATE = ReflectionUtils.findMethod(AbstractWebSocketSession.class, "getDelegate");

	static {
		ReflectionUtils.makeAccessible(DELEGATE);
	}

	private final Channel channel;

	private NettyOutlet(Channel channel) {
		this.channel = channel;
	}

	static void connect(WebSocketSession session, ClientFeed client) {
		if (!(session instanceof ReactorNettyWebSocketSession netty)) {
			throw new IllegalStateException("The live seat map needs Reactor Netty, not " + session.getClass().getName());
		}
		var delegate = (ReactorNettyWebSocketSession.WebSocketConnection) ReflectionUtils.invokeMethod(DELEGATE, netty);
		delegate.getInbound().withConnection(connection -> {
			connection.addHandlerLast("seatmap-writability", new ChannelInboundHandlerAdapter() {
				@Override
				public void channelWritabilityChanged(ChannelHandlerContext context) {
					if (context.channel().isWritable()) {
						client.drain();
					}
					context.fireChannelWritabilityChanged();
				}
			});
			client.connect(new NettyOutlet(connection.channel()), connection.channel().eventLoop());
		});
	}

	@Override
	public boolean writable() {
		return channel.isActive() && channel.isWritable();
	}

	@Override
	public void write(byte[] json) {
		channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(json)), channel.voidPromise());
	}

	@Override
	public void flush() {
		channel.flush();
	}
}
