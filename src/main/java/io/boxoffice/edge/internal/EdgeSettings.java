package io.boxoffice.edge.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits applied before any controller runs.
 *
 * @param maxBodySize largest request body on public and buyer routes (holds and bookings are tiny)
 * @param maxAdminBodySize largest body under {@code /api/admin/**}, where a venue layout of 20,000+ seats arrives
 */
@ConfigurationProperties("boxoffice.edge")
public record EdgeSettings(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("8MB") DataSize maxAdminBodySize) {
}
