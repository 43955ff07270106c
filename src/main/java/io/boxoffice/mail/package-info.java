/**
 * Mail to buyers: the booking confirmation (seats, ticket codes, a link to the tickets page), the cancellation
 * with its refund, and waitlist offers. Each message is a durable job enqueued in the transaction of the change it
 * reports (booking enqueues {@code mail.booking-confirmed} and {@code mail.booking-cancelled} with a plain payload,
 * so booking does not depend on this module), sent over SMTP by Jakarta Mail on {@code boundedElastic}, and marked
 * sent under a key per change so a job that runs again does not send again. The address is the token's
 * {@code email} claim, kept AES-GCM encrypted with {@code boxoffice.mail.encryption-key} and masked in every log
 * line. A module of its own because three modules' changes end in a mail and none of them should know SMTP; see
 * docs/mail-and-waitlist.md.
 * <p>
 * Other modules use {@link io.boxoffice.mail.MailAddresses} (remember a buyer's address) and
 * {@link io.boxoffice.mail.OfferMails} (announce a waitlist offer); everything else is package-private.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.mail;
