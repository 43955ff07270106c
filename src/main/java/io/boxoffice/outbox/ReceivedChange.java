package io.boxoffice.outbox;

/** One record of the change stream; {@code type} is the outbox row's type (the {@code type} header). */
public record ReceivedChange(String topic, int partition, long offset, String key, String type, String payload,
		Runnable acknowledgement) {

	public void acknowledge() {
		acknowledgement.run();
	}
}
