package io.boxoffice.search.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HighlightsTest {

	private static final String DESCRIPTION = "An evening of strings and brass under the old railway arches, where the city's "
			+ "orchestra plays the music of the night: nocturnes, serenades and a moonlit waltz, followed by a late supper.";

	@Test
	void marksWholeWordsOfTheNameAndEveryMatchingPerformer() {
		var marked = Highlights.of("Serenade").mark("Moonlight Serenade Orchestra", List.of("Serenade Trio", "Brass Band"), null);
		assertThat(marked.get("name")).containsExactly("Moonlight <em>Serenade</em> Orchestra");
		assertThat(marked.get("performers")).containsExactly("<em>Serenade</em> Trio");
	}

	@Test
	void marksWordsWithinTheTypoAllowance() {
		// one edit from 4 letters, two from 7; a swap of neighbours is one edit
		assertThat(Highlights.of("orchestera").mark("City Orchestra", List.of(), null).get("name")).containsExactly("City <em>Orchestra</em>");
		assertThat(Highlights.of("comedi celar").mark("Comedy Cellar Nights", List.of(), null).get("name"))
			.containsExactly("<em>Comedy</em> <em>Cellar</em> Nights");
		assertThat(Highlights.of("lantrens").mark("Paper Lanterns", List.of(), null).get("name")).containsExactly("Paper <em>Lanterns</em>");
	}

	@Test
	void doesNotMarkBeyondTheTypoAllowanceNorAWrongFirstLetter() {
		assertThat(Highlights.of("neo").mark("New Order", List.of(), null)).isEmpty(); // 3 letters: exact only
		assertThat(Highlights.of("velvit").mark("Welvet Nights", List.of(), null)).isEmpty(); // first letter differs
		assertThat(Highlights.of("orchestra").mark("Orchid Trio", List.of(), null)).isEmpty(); // too many edits
	}

	@Test
	void marksTheLastWordAsAPrefixInNamesOnly() {
		var marked = Highlights.of("grand moonl").mark("Grand Moonlight Gala", List.of(), "A moonlit night of moonlight music.");
		assertThat(marked.get("name")).containsExactly("<em>Grand</em> <em>Moonlight</em> Gala");
		assertThat(marked).doesNotContainKey("description");
	}

	@Test
	void marksExactWordsOfTheDescriptionInOneFragmentAroundTheFirst() {
		var marked = Highlights.of("waltz").mark("Night Music", List.of(), DESCRIPTION);
		assertThat(marked).containsOnlyKeys("description");
		String fragment = marked.get("description").get(0);
		assertThat(fragment).contains("moonlit <em>waltz</em>").hasSizeLessThanOrEqualTo(Highlights.FRAGMENT_LENGTH + 9);
		assertThat(DESCRIPTION).contains(fragment.replace("<em>", "").replace("</em>", ""));
		assertThat(Highlights.of("walz").mark("Night Music", List.of(), DESCRIPTION)).isEmpty(); // no typos in descriptions
	}

	@Test
	void withoutAQueryThereIsNothingToMark() {
		assertThat(Highlights.of(null).mark("Moonlight Serenade", List.of("Trio"), DESCRIPTION)).isEmpty();
		assertThat(Highlights.of("  !! ").mark("Moonlight Serenade", List.of("Trio"), DESCRIPTION)).isEmpty();
	}
}
