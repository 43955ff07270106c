package io.boxoffice.search.internal;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The 8.19 client, built by hand: Boot 4.1 manages the 9.x client, which the 8.19 server that runs
 * here rejects, while an 8.19 client also talks to 9.x servers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ElasticsearchSettings.class)
class ElasticsearchConfiguration {

	@Bean(destroyMethod = "close")
	RestClientTransport elasticsearchTransport(ElasticsearchSettings settings) {
		var restClient = RestClient.builder(HttpHost.create(settings.url().toString()))
			.setRequestConfigCallback(config -> config
				.setConnectTimeout((int) settings.connectTimeout().toMillis())
				.setSocketTimeout((int) settings.socketTimeout().toMillis()))
			.build();
		return new RestClientTransport(restClient, new Jackson3JsonpMapper());
	}

	@Bean
	ElasticsearchAsyncClient elasticsearchClient(RestClientTransport transport) {
		return new ElasticsearchAsyncClient(transport);
	}
}
