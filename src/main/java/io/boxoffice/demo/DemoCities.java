package io.boxoffice.demo;

import java.util.List;

/** Real cities with coordinates; which of them have an arena or a theatre (every one has a club). */
final class DemoCities {

	record City(String name, String country, double lat, double lon, String timezone, String currency,
			boolean arena, boolean theatre) {
	}

	static final List<City> ALL = List.of(
			new City("New York", "US", 40.7128, -74.0060, "America/New_York", "USD", true, true),
			new City("Los Angeles", "US", 34.0522, -118.2437, "America/Los_Angeles", "USD", true, true),
			new City("Chicago", "US", 41.8781, -87.6298, "America/Chicago", "USD", true, true),
			new City("Austin", "US", 30.2672, -97.7431, "America/Chicago", "USD", false, true),
			new City("Nashville", "US", 36.1627, -86.7816, "America/Chicago", "USD", false, false),
			new City("Seattle", "US", 47.6062, -122.3321, "America/Los_Angeles", "USD", false, true),
			new City("Toronto", "CA", 43.6532, -79.3832, "America/Toronto", "CAD", true, true),
			new City("Montreal", "CA", 45.5019, -73.5674, "America/Toronto", "CAD", false, false),
			new City("London", "GB", 51.5074, -0.1278, "Europe/London", "GBP", true, true),
			new City("Manchester", "GB", 53.4808, -2.2426, "Europe/London", "GBP", false, true),
			new City("Glasgow", "GB", 55.8642, -4.2518, "Europe/London", "GBP", false, false),
			new City("Dublin", "IE", 53.3498, -6.2603, "Europe/Dublin", "EUR", false, true),
			new City("Paris", "FR", 48.8566, 2.3522, "Europe/Paris", "EUR", true, true),
			new City("Berlin", "DE", 52.5200, 13.4050, "Europe/Berlin", "EUR", true, true),
			new City("Munich", "DE", 48.1351, 11.5820, "Europe/Berlin", "EUR", false, false),
			new City("Amsterdam", "NL", 52.3676, 4.9041, "Europe/Amsterdam", "EUR", false, true),
			new City("Madrid", "ES", 40.4168, -3.7038, "Europe/Madrid", "EUR", false, true),
			new City("Barcelona", "ES", 41.3874, 2.1686, "Europe/Madrid", "EUR", false, false),
			new City("Lisbon", "PT", 38.7223, -9.1393, "Europe/Lisbon", "EUR", false, false),
			new City("Rome", "IT", 41.9028, 12.4964, "Europe/Rome", "EUR", false, true),
			new City("Milan", "IT", 45.4642, 9.1900, "Europe/Rome", "EUR", false, false),
			new City("Vienna", "AT", 48.2082, 16.3738, "Europe/Vienna", "EUR", false, true),
			new City("Sydney", "AU", -33.8688, 151.2093, "Australia/Sydney", "AUD", true, true),
			new City("Melbourne", "AU", -37.8136, 144.9631, "Australia/Melbourne", "AUD", true, false));

	private DemoCities() {
	}
}
