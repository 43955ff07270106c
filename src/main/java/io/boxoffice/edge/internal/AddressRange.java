package io.boxoffice.edge.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One address or a CIDR block ({@code 10.0.0.0/8}, {@code 172.28.0.10}, {@code fd00::/8}). Parses IP literals only,
 * never a host name: turning a header's text into an address must not cost a DNS lookup.
 */
final class AddressRange {

	private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

	private final byte[] network;
	private final int prefixLength;

	private AddressRange(byte[] network, int prefixLength) {
		this.network = network;
		this.prefixLength = prefixLength;
	}

	static AddressRange parse(String text) {
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
		if (address == null) {
			throw new IllegalArgumentException("Not an IP address or CIDR block: '" + text + "'");
		}
		int bits = address.getAddress().length * 8;
		int prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("Prefix length out of range in '" + text + "'");
		}
		return new AddressRange(address.getAddress(), prefix);
	}

	/** The address an IP literal (IPv6 possibly in brackets) stands for, or null if the text is no IP literal. */
	static InetAddress literal(String text) {
		String candidate = text.strip();
		if (candidate.startsWith("[") && candidate.endsWith("]")) {
			candidate = candidate.substring(1, candidate.length() - 1);
		}
		boolean ipv4 = IPV4.matcher(candidate).matches();
		boolean ipv6 = candidate.indexOf(':') >= 0 && IPV6.matcher(candidate).matches();
		if (!ipv4 && !ipv6) {
			return null;
		}
		try {
			return InetAddress.getByName(candidate); // a literal: parsed, never looked up
		}
		catch (UnknownHostException malformed) {
			return null;
		}
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != network.length) {
			return false;
		}
		int fullBytes = prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != network[i]) {
				return false;
			}
		}
		int remainingBits = prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xFF << (8 - remainingBits)) & 0xFF;
		return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
	}
}
