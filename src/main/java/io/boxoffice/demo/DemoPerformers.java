package io.boxoffice.demo;

import java.util.List;

import io.boxoffice.catalog.Category;

/** Fifty fictional performers; any likeness to a real act is a coincidence. */
final class DemoPerformers {

	record Performer(String name, String genre, Category category) {
	}

	static final List<Performer> ALL = List.of(
			concert("The Velvet Orchards", "indie rock"), concert("Neon Harbor", "synth-pop"),
			concert("Aurora Static", "electronic"), concert("Midnight Cartographers", "alternative"),
			concert("Lila Moreno", "pop"), concert("The Paper Lanterns", "folk"),
			concert("Copper & Coal", "blues rock"), concert("DJ Solstice", "house"),
			concert("Harbor Lights Orchestra", "classical"), concert("Kaito Reyes", "hip-hop"),
			concert("The Wandering Sparrows", "country"), concert("Marigold Avenue", "pop punk"),
			concert("Iris Calder Quartet", "jazz"), concert("Glass Meridian", "post-rock"),
			concert("Ruby Okafor", "soul"), concert("Static Bloom", "shoegaze"),
			concert("The Northern Tides", "indie folk"), concert("Velocity Park", "rock"),
			concert("Sasha Lindqvist", "singer-songwriter"), concert("Polar Engines", "techno"),
			sports("Riverside Falcons", "basketball"), sports("Northbridge Titans", "basketball"),
			sports("Harbor City Waves", "basketball"), sports("Summit Peaks", "basketball"),
			sports("Ironvale Wolves", "ice hockey"), sports("Lakeshore Blizzard", "ice hockey"),
			sports("Eastport Mariners", "ice hockey"), sports("Crestwood Comets", "ice hockey"),
			sports("Redstone Rangers", "handball"), sports("Silverton Stags", "handball"),
			sports("Goldcoast Sharks", "volleyball"), sports("Pinecrest Owls", "volleyball"),
			comedy("Maya Fairweather"), comedy("Dev Rampal"), comedy("Colm Brady"),
			comedy("Priya Castellano"), comedy("Jonah Weiss"), comedy("Tess Abernathy"),
			comedy("Luis Ortega"), comedy("Hana Sato"),
			theatre("The Glass Lantern Company", "drama"), theatre("Winter's Cartographer", "musical"),
			theatre("A Comedy of Small Hours", "comedy"), theatre("The Salt Road", "drama"),
			theatre("Lanterns Over Lisbon", "musical"), theatre("The Clockmaker's Daughter", "opera"),
			family("Circus of the Tides", "circus"), family("Dinosaur Parade Live", "family show"),
			family("The Bubble Scientists", "science show"), family("Moonlight Puppet Theatre", "puppetry"));

	private DemoPerformers() {
	}

	private static Performer concert(String name, String genre) {
		return new Performer(name, genre, Category.CONCERT);
	}

	private static Performer sports(String name, String genre) {
		return new Performer(name, genre, Category.SPORTS);
	}

	private static Performer comedy(String name) {
		return new Performer(name, "stand-up", Category.COMEDY);
	}

	private static Performer theatre(String name, String genre) {
		return new Performer(name, genre, Category.THEATRE);
	}

	private static Performer family(String name, String genre) {
		return new Performer(name, genre, Category.FAMILY);
	}
}
