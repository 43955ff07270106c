package io.boxoffice.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("boxoffice.catalog")
record CatalogSettings(@DefaultValue("20") int defaultPageSize, @DefaultValue("100") int maxPageSize) {
}
