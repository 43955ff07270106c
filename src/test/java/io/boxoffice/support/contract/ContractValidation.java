package io.boxoffice.support.contract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks every {@code /api/**} exchange a test client makes against the OpenAPI document the application serves
 * ({@code /v3/api-docs}, fetched once per server and JVM), with Atlassian's swagger-request-validator, and fails the
 * exchange (so the test) with the validator's report on any mismatch (docs/api.md, "Contract").
 * <ul>
 * <li>Every response: its status must be documented for the operation, and a JSON body must match the documented
 * schema of its media type (a problem must be {@code application/problem+json} where the document says so).</li>
 * <li>Every request the service accepted (any status below 400): parameters, headers, body and security must match
 * the document. A request answered with a 4xx may break the document: that is what tests of bad input send, and
 * the response is still checked to be a documented problem.</li>
 * <li>A path or method the document does not have is only accepted with a problem (404, 405, 413, …), except the
 * routes only the tests add ({@code /api/test-only/**}).</li>
 * </ul>
 */
public final class ContractValidation implements ExchangeFilterFunction {

	private static final Map<String, Mono<OpenApiInteractionValidator>> VALIDATORS = new ConcurrentHashMap<>();
	private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String path = request.url().getRawPath();
		if (!path.startsWith("/api/")) {
			return next.exchange(request);
		}
		AtomicReference<byte[]> sent = new AtomicReference<>();
		ClientRequest recording = ClientRequest.from(request)
			.body((message, context) -> request.body().insert(new ClientHttpRequestDecorator(message) {
				@Override
				public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
					return DataBufferUtils.join(body).flatMap(buffer -> {
						byte[] bytes = new byte[buffer.readableByteCount()];
						buffer.toByteBuffer().get(bytes);
						sent.set(bytes);
						return super.writeWith(Mono.just(buffer));
					});
				}
			}, context))
			.build();
		return validator(request.url()).flatMap(validator -> next.exchange(recording).flatMap(response -> {
			MediaType type = response.headers().contentType().orElse(null);
			if (type != null && !type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.getSubtype().endsWith("+json")) {
				return Mono.just(response); // not a JSON answer (none under /api today): nothing the document describes
			}
			return response.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.publishOn(Schedulers.boundedElastic())
				.map(received -> {
					check(validator, request, sent.get(), response, received);
					return response.mutate().body(flux -> Flux.just(BUFFERS.wrap(received))).build();
				});
		}));
	}

	private static void check(OpenApiInteractionValidator validator, ClientRequest request, byte[] sent, ClientResponse response,
			byte[] received) {
		int status = response.statusCode().value();
		Request asRequest = request(request, sent);
		ValidationReport requestReport = validator.validateRequest(asRequest);
		boolean undocumentedRoute = requestReport.getMessages().stream()
			.anyMatch(message -> message.getKey().equals("validation.request.path.missing")
					|| message.getKey().equals("validation.request.operation.notAllowed"));
		if (undocumentedRoute) {
			// A route the document does not have (a wrong method or path, or a route only the tests add) may only
			// answer with a problem.
			boolean problem = response.headers().contentType()
				.map(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).orElse(false);
			if (status >= 400 && problem || request.url().getRawPath().startsWith("/api/test-only/")) {
				return;
			}
			throw mismatch(request, status, "request", requestReport);
		}
		if (status < 400 && requestReport.hasErrors()) {
			throw mismatch(request, status, "request (which the service accepted)", requestReport);
		}
		if (request.method().name().equals("HEAD")) {
			return; // no body to hold to the GET's schema
		}
		var asResponse = SimpleResponse.Builder.status(status);
		response.headers().asHttpHeaders().forEach((name, values) -> asResponse.withHeader(name, values));
		if (received.length > 0) {
			asResponse.withBody(new String(received, StandardCharsets.UTF_8));
		}
		ValidationReport responseReport = validator.validateResponse(request.url().getRawPath(), asRequest.getMethod(), asResponse.build());
		if (responseReport.hasErrors()) {
			throw mismatch(request, status, "response", responseReport);
		}
	}

	/** HEAD is GET without the body (RFC 9110), which is how the document has it. */
	private static Request request(ClientRequest request, byte[] sent) {
		String method = request.method().name().equals("HEAD") ? "GET" : request.method().name();
		var builder = new SimpleRequest.Builder(method, request.url().getRawPath());
		UriComponentsBuilder.fromUri(request.url()).build(true).getQueryParams()
			.forEach((name, values) -> builder.withQueryParam(name, values.stream()
				.map(value -> value == null ? "" : java.net.URLDecoder.decode(value, StandardCharsets.UTF_8)).toList()));
		request.headers().forEach((name, values) -> builder.withHeader(name, values));
		request.cookies().forEach((name, values) -> values.forEach(value -> builder.withHeader(HttpHeaders.COOKIE, name + "=" + value)));
		if (sent != null && sent.length > 0) {
			builder.withBody(new String(sent, StandardCharsets.UTF_8));
		}
		return builder.build();
	}

	private static AssertionError mismatch(ClientRequest request, int status, String what, ValidationReport report) {
		return new AssertionError("Contract drift: the " + what + " of " + request.method() + " " + request.url() + " (answered " + status
				+ ") does not match /v3/api-docs:\n" + SimpleValidationReportFormat.getInstance().apply(report));
	}

	/** The validator for the document this server serves, read once (off the event loops: it blocks). */
	private static Mono<OpenApiInteractionValidator> validator(URI url) {
		String origin = url.getScheme() + "://" + url.getAuthority();
		return VALIDATORS.computeIfAbsent(origin, key -> Mono.fromCallable(() -> {
			HttpResponse<String> document = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(origin + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
			if (document.statusCode() != 200) {
				throw new IllegalStateException("GET /v3/api-docs answered " + document.statusCode());
			}
			return OpenApiInteractionValidator.createForInlineApiSpecification(document.body()).build();
		})
			.subscribeOn(Schedulers.boundedElastic()) // before the retry, so that every attempt runs there
			// A context that just started may still be building the document (springdoc's pre-loading) and answer 500.
			.retryWhen(reactor.util.retry.Retry.backoff(8, java.time.Duration.ofMillis(250)))
			.cache());
	}

	static List<String> knownOrigins() {
		return List.copyOf(VALIDATORS.keySet());
	}
}
