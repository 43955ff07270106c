package io.boxoffice.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.channel.EventLoop;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class RequestEventLoopTest {

	/** An answer produced on another thread, as Lettuce produces its replies on its own I/O thread. */
	private static final Mono<String> ANSWER_FROM_ANOTHER_THREAD = Mono.fromCallable(() -> Thread.currentThread().getName())
		.subscribeOn(Schedulers.boundedElastic());

	@Test
	void aMarkedRequestGetsTheAnswerOnTheEventLoopOfItsOwnConnection() {
		HttpHandler handler = (request, response) -> {
			EventLoop loop = ((Connection) ServerHttpRequestDecorator.getNativeRequest(request)).channel().eventLoop();
			return RequestEventLoop.handOff(ANSWER_FROM_ANOTHER_THREAD)
				.map(producedOn -> "produced on " + producedOn.replaceAll("-\\d+$", "") + ", delivered on the request's loop: "
						+ loop.inEventLoop())
				.flatMap(text -> response.writeWith(Mono.just(response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8)))))
				.contextWrite(context -> RequestEventLoop.mark(context, request));
		};
		DisposableServer server = HttpServer.create().port(0).handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
		try {
			String body = HttpClient.create().get().uri("http://localhost:" + server.port() + "/")
				.responseContent().aggregate().asString().block(Duration.ofSeconds(10));

			assertThat(body).isEqualTo("produced on boundedElastic, delivered on the request's loop: true");
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void anUnmarkedCallGetsItsAnswerOnAParallelThreadNotTheProducers() {
		String deliveredOn = RequestEventLoop.handOff(ANSWER_FROM_ANOTHER_THREAD)
			.map(producedOn -> Thread.currentThread().getName())
			.block(Duration.ofSeconds(10));

		assertThat(deliveredOn).startsWith("parallel-");
	}

	@Test
	void aRequestNotServedByReactorNettyLeavesTheContextAsItIs() {
		String deliveredOn = RequestEventLoop.handOff(ANSWER_FROM_ANOTHER_THREAD)
			.map(producedOn -> Thread.currentThread().getName())
			.contextWrite(context -> RequestEventLoop.mark(context, MockServerHttpRequest.get("/api/holds/x").build()))
			.block(Duration.ofSeconds(10));

		assertThat(deliveredOn).startsWith("parallel-");
	}
}
