/**
 * The transactional outbox and its relay to Kafka, the one place reactor-kafka is used. For now it
 * owns the Kafka connection settings and the broker health indicator.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.outbox;
