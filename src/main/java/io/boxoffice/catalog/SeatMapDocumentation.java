package io.boxoffice.catalog;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The seat of a seat map is written as a JSON array {@code [id, number, x, y]} ({@link SeatMap.Seat}), which the
 * schema generator, reading the record, would describe as an object: the document says what is sent.
 */
@Configuration(proxyBeanMethods = false)
class SeatMapDocumentation {

	@Bean
	OpenApiCustomizer seatMapSeatAsArray() {
		return api -> {
			if (api.getComponents() != null && api.getComponents().getSchemas() != null
					&& api.getComponents().getSchemas().containsKey("SeatMapSeat")) {
				api.getComponents().addSchemas("SeatMapSeat", new ArraySchema().items(new NumberSchema()).minItems(4).maxItems(4)
					.description("[id, number, x, y]: the seat id, its number in the row, and its position on the map"));
			}
		};
	}
}
