package io.boxoffice.support.services;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * GreenMail, a real SMTP server (with IMAP and POP3 to read what it received), in this JVM: the application sends
 * its mail there, the tests read the messages, and the demo prints where a mail client can read them (any user name,
 * the password is the user name).
 */
public final class LocalMail implements BackingService {

	private static volatile LocalMail running;

	private final GreenMail server;

	private LocalMail(GreenMail server) {
		this.server = server;
	}

	static LocalMail start() {
		int smtp = FreePorts.next();
		int imap = FreePorts.next();
		int pop3 = FreePorts.next();
		var server = new GreenMail(new ServerSetup[] { new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP), new ServerSetup(pop3, "127.0.0.1", ServerSetup.PROTOCOL_POP3) });
		// Any address receives; reading a mailbox takes the user name as the password.
		server.withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig().withDisabledAuthentication());
		server.start();
		running = new LocalMail(server);
		return running;
	}

	/** The server of this JVM; fails when the backing services did not start one. */
	public static LocalMail running() {
		if (running == null) {
			throw new IllegalStateException("No mail server: BackingServices did not start one (spring.mail.host was set?)");
		}
		return running;
	}

	/** Every message received so far for this address, oldest first. */
	public List<MimeMessage> messagesTo(String address) {
		return Arrays.stream(server.getReceivedMessages()).filter(message -> isTo(message, address)).toList();
	}

	/** The plain-text body of a received message. */
	public static String text(MimeMessage message) {
		return com.icegreen.greenmail.util.GreenMailUtil.getBody(message);
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			var recipients = message.getRecipients(Message.RecipientType.TO);
			return recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException e) {
			return false;
		}
	}

	@Override
	public String name() {
		return "Mail (GreenMail)";
	}

	@Override
	public String address() {
		return "SMTP 127.0.0.1:" + server.getSmtp().getPort() + ", read it over IMAP 127.0.0.1:" + server.getImap().getPort()
				+ " or POP3 127.0.0.1:" + server.getPop3().getPort() + " (user = the address, password = the address)";
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", server.getSmtp().getPort(),
				"spring.mail.properties.mail.smtp.connectiontimeout", "5000", "spring.mail.properties.mail.smtp.timeout", "5000");
	}

	@Override
	public void stop() {
		server.stop();
	}
}
