/**
 * The edge between the internet and the service: one RFC 9457 problem-details mapping for every
 * error, and the HTTP server's connection handling (later also security, rate limits and load
 * shedding).
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.edge;
