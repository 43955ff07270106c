package io.boxoffice.mail;

import java.security.GeneralSecurityException;
import java.security.Principal;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Buyers' addresses, encrypted at rest. Taken from the token's {@code email} claim when a buyer books or joins a
 * waitlist; a token without one (or with one that is not a single plain address) leaves what is stored as it is.
 */
@Component
@EnableConfigurationProperties(MailSettings.class)
public class MailAddresses {

	static final String EMAIL_CLAIM = "email";
	private static final Logger log = LoggerFactory.getLogger(MailAddresses.class);

	private final DatabaseClient db;
	private final AddressCipher cipher;

	MailAddresses(DatabaseClient db, MailSettings settings) {
		this.db = db;
		this.cipher = new AddressCipher(settings.key());
	}

	/** Stores the {@code email} claim of the caller's token, if it has a usable one, as the user's address. */
	public Mono<Void> rememberFrom(Principal caller) {
		return emailClaim(caller).map(address -> remember(caller.getName(), address)).orElse(Mono.empty());
	}

	Mono<Void> remember(String userId, String address) {
		return Mono.fromCallable(() -> cipher.encrypt(userId, address))
			.flatMap(sealed -> db.sql("""
					INSERT INTO mail_address (user_id, address) VALUES (:user, :address)
					ON CONFLICT (user_id) DO UPDATE SET address = excluded.address, updated_at = now()
					""")
				.bind("user", userId)
				.bind("address", sealed)
				.fetch()
				.rowsUpdated())
			.doOnNext(stored -> log.debug("Address {} stored for user {}", AddressCipher.mask(address), userId))
			.then();
	}

	/** The user's address; empty when none was given, or it was encrypted with another key. */
	Mono<String> of(String userId) {
		return db.sql("SELECT address FROM mail_address WHERE user_id = :user")
			.bind("user", userId)
			.map((row, meta) -> row.get("address", byte[].class))
			.one()
			.flatMap(sealed -> {
				try {
					return Mono.just(cipher.decrypt(userId, sealed));
				}
				catch (GeneralSecurityException e) {
					log.warn("The stored address of user {} does not decrypt with boxoffice.mail.encryption-key (changed key?); "
							+ "no mail for them until they book again", userId);
					return Mono.empty();
				}
			});
	}

	static Optional<String> emailClaim(Principal caller) {
		if (!(caller instanceof JwtAuthenticationToken token)) {
			return Optional.empty();
		}
		String claim = token.getToken().getClaimAsString(EMAIL_CLAIM);
		return Optional.ofNullable(claim).map(String::trim).filter(MailAddresses::isPlainAddress);
	}

	/** One address, no display name, no line breaks: nothing that could add a header or a second recipient. */
	static boolean isPlainAddress(String candidate) {
		if (candidate.isEmpty() || candidate.length() > 254 || candidate.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
			return false;
		}
		try {
			var parsed = new InternetAddress(candidate, true);
			return candidate.equals(parsed.getAddress());
		}
		catch (AddressException e) {
			return false;
		}
	}
}
