package io.boxoffice.catalog.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-instance memory of the last rendered event views, each kept for {@code ttl} (about a second). The most
 * read page then costs no round trip at all while it is hot: its counts are at most {@code ttl} old, well
 * inside the {@code max-age} a CDN is allowed to serve it for anyway. Admin changes evict on this instance;
 * other instances catch up within {@code ttl}.
 */
public final class RecentRenders {

	private record Entry(Object value, long expiresAtNanos) {
	}

	private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
	private final long ttlNanos;
	private final int maxEntries;

	public RecentRenders(Duration ttl, int maxEntries) {
		this.ttlNanos = ttl.toNanos();
		this.maxEntries = maxEntries;
	}

	public <T> T get(long eventId, Class<T> type) {
		Entry entry = entries.get(eventId);
		if (entry == null || System.nanoTime() - entry.expiresAtNanos() > 0) {
			return null;
		}
		return type.cast(entry.value());
	}

	public void put(long eventId, Object value) {
		if (ttlNanos <= 0) {
			return;
		}
		if (entries.size() >= maxEntries) {
			entries.clear(); // crude but bounded; every entry is a second from stale anyway
		}
		entries.put(eventId, new Entry(value, System.nanoTime() + ttlNanos));
	}

	public void evict(long eventId) {
		entries.remove(eventId);
	}
}
