/**
 * The transactional outbox and its relay to Kafka, the one place reactor-kafka is used. Rows are
 * written in the transaction of the change they describe; one relay leader at a time (a Postgres
 * advisory lock) sends them to Kafka keyed by event id and deletes them in the same transaction once
 * acknowledged. Consumers read the topics through {@link io.boxoffice.outbox.ChangeStream}.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.outbox;
