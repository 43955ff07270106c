package io.boxoffice.catalog;

import java.util.List;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The seat of a seat map is written as a JSON array {@code [id, number, x, y]} ({@link SeatMap.Seat}), which the
 * schema generator, reading the record, would describe as an object: the document says what is sent.
 */
@Configuration(proxyBeanMethods = false)
@SuppressWarnings({ "rawtypes", "unchecked" })
class SeatMapDocumentation {

	@Bean
	@Order(0)
	OpenApiCustomizer seatMapSeatAsArray() {
		return api -> {
			if (api.getComponents() != null && api.getComponents().getSchemas() != null
					&& api.getComponents().getSchemas().containsKey("SeatMapSeat")) {
				api.getComponents().addSchemas("SeatMapSeat", new ArraySchema().items(new NumberSchema()).minItems(4).maxItems(4)
					.description("[id, number, x, y]: the seat id, its number in the row, and its position on the map"));
			}
			Schema<?> seatMap = api.getComponents() == null || api.getComponents().getSchemas() == null ? null
					: api.getComponents().getSchemas().get("SeatMap");
			if (seatMap != null && seatMap.getProperties() != null && seatMap.getProperties().containsKey("stage")) {
				// null for a venue without a drawn stage; the shared customizer writes this nullable reference in the form validators read
				var properties = new java.util.LinkedHashMap<String, Schema>(seatMap.getProperties());
				properties.put("stage", new Schema<>().allOf(new java.util.ArrayList<>(List.of(new Schema<>().$ref("#/components/schemas/SeatMapStage"))))
					.nullable(true).description("Where the stage or field is drawn; null when the venue has none"));
				seatMap.setProperties(properties);
			}
		};
	}
}
