package io.boxoffice.search.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("boxoffice.elasticsearch")
record ElasticsearchSettings(URI url, @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration socketTimeout) {
}
