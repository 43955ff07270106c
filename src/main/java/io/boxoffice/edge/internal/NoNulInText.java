package io.boxoffice.edge.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses a NUL character in any string of a JSON body. PostgreSQL's text cannot hold U+0000, so a name or bio
 * carrying one reached the database and failed there as a 500; refusing it while reading gives the client a 400
 * naming the field, for every request body at once rather than one annotation per field.
 */
@Configuration(proxyBeanMethods = false)
class NoNulInText {

	static final String NUL = "\u0000";

	@Bean
	JacksonModule noNulInStrings() {
		return new SimpleModule("no-nul-in-strings").addDeserializer(String.class, new Refusing());
	}

	static final class Refusing extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			String text = super.deserialize(parser, context);
			if (text != null && text.contains(NUL)) {
				return (String) context.handleWeirdStringValue(String.class, text, "contains a NUL character");
			}
			return text;
		}
	}
}
