package io.boxoffice.search.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the words of a hit that the query matched, in the service: Elasticsearch's highlighters cost more than
 * the search itself here (the fast vector highlighter about 5 of 8 ms per query on 100,000 events, mostly
 * rewriting the fuzzy query again), while marking 20 short texts in Java costs microseconds.
 * <p>
 * The rules are {@link EventSearch}'s query: a word of the name or of a performer is marked if it is a word of
 * the query, within that word's typo allowance ({@code AUTO:4,7}: one edit from 4 letters, two from 7, the first
 * letter right, two neighbours swapped count as one edit), or starts with the query's last word (the prefix being
 * typed); a word of the description only if it is a word of the query. Words are runs of letters and digits,
 * lowercased, close to what the {@code standard} analyzer makes of them. Elasticsearch stops a typo at
 * {@code max_expansions} spellings; this does not, so on a very crowded vocabulary a mark may be wider.
 */
final class Highlights {

	static final int FRAGMENT_LENGTH = 120;
	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
	private static final Highlights NONE = new Highlights(List.of());

	private final List<int[]> words;
	private final int[] last;

	private Highlights(List<String> words) {
		this.words = words.stream().map(word -> word.codePoints().toArray()).toList();
		this.last = this.words.isEmpty() ? null : this.words.get(this.words.size() - 1);
	}

	static Highlights of(String query) {
		if (query == null) {
			return NONE;
		}
		List<String> words = new ArrayList<>();
		Matcher matcher = WORD.matcher(query.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			words.add(matcher.group());
		}
		return words.isEmpty() ? NONE : new Highlights(words);
	}

	/** Field → marked texts, only for fields with a match: the whole name, each matching performer, one description fragment. */
	Map<String, List<String>> mark(String name, List<String> performers, String description) {
		if (words.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> marked = new LinkedHashMap<>();
		String markedName = name == null ? null : mark(name, 0, name.length(), true);
		if (markedName != null) {
			marked.put("name", List.of(markedName));
		}
		List<String> markedPerformers = new ArrayList<>();
		for (String performer : performers == null ? List.<String>of() : performers) {
			String one = mark(performer, 0, performer.length(), true);
			if (one != null) {
				markedPerformers.add(one);
			}
		}
		if (!markedPerformers.isEmpty()) {
			marked.put("performers", markedPerformers);
		}
		String fragment = description == null ? null : fragment(description);
		if (fragment != null) {
			marked.put("description", List.of(fragment));
		}
		return marked;
	}

	/** About {@link #FRAGMENT_LENGTH} characters of the description around its first match, cut at spaces. */
	private String fragment(String text) {
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			if (matches(matcher.group(), false)) {
				int start = Math.max(0, matcher.start() - FRAGMENT_LENGTH / 4);
				if (start > 0) {
					int space = text.indexOf(' ', start);
					start = space < 0 || space >= matcher.start() ? matcher.start() : space + 1;
				}
				int end = Math.min(text.length(), start + FRAGMENT_LENGTH);
				if (end < text.length()) {
					int space = text.lastIndexOf(' ', end);
					end = space <= matcher.end() ? Math.max(end, matcher.end()) : space;
				}
				return mark(text, start, end, false);
			}
		}
		return null;
	}

	/** {@code text[start, end)} with each matching word in {@code <em>}, or null if none matches. */
	private String mark(String text, int start, int end, boolean typosAndPrefix) {
		Matcher matcher = WORD.matcher(text).region(start, end);
		StringBuilder out = null;
		int copied = start;
		while (matcher.find()) {
			if (matches(matcher.group(), typosAndPrefix)) {
				if (out == null) {
					out = new StringBuilder(end - start + 16);
				}
				out.append(text, copied, matcher.start()).append("<em>").append(matcher.group()).append("</em>");
				copied = matcher.end();
			}
		}
		return out == null ? null : out.append(text, copied, end).toString();
	}

	private boolean matches(String textWord, boolean typosAndPrefix) {
		int[] word = textWord.toLowerCase(Locale.ROOT).codePoints().toArray();
		for (int[] queryWord : words) {
			if (Arrays.equals(word, queryWord) || typosAndPrefix && withinTypos(word, queryWord)) {
				return true;
			}
		}
		return typosAndPrefix && word.length >= last.length && Arrays.equals(word, 0, last.length, last, 0, last.length);
	}

	/** {@code AUTO:4,7} edits of the query word, the first letter fixed (prefix length 1), a swap of neighbours one edit. */
	static boolean withinTypos(int[] word, int[] queryWord) {
		int allowed = queryWord.length < EventSearch.ONE_TYPO_FROM ? 0 : queryWord.length < EventSearch.TWO_TYPOS_FROM ? 1 : 2;
		if (allowed == 0 || word.length == 0 || word[0] != queryWord[0] || Math.abs(word.length - queryWord.length) > allowed) {
			return false;
		}
		return distance(word, queryWord) <= allowed;
	}

	/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
	private static int distance(int[] a, int[] b) {
		int[][] d = new int[a.length + 1][b.length + 1];
		for (int i = 0; i <= a.length; i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length; j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length; i++) {
			for (int j = 1; j <= b.length; j++) {
				int cost = a[i - 1] == b[j - 1] ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length][b.length];
	}
}
