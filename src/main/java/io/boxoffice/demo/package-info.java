/**
 * The demo dataset: venues with generated seat layouts, fictional performers and a year of events in
 * real cities, generated deterministically and loaded in one transaction when the database is empty.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.demo;
