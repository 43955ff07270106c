package io.boxoffice.outbox.internal;

record OutboxRow(long id, String topic, String key, String type, String payload) {
}
