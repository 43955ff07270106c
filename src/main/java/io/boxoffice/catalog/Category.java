package io.boxoffice.catalog;

public enum Category {
	CONCERT, SPORTS, THEATRE, COMEDY, FAMILY
}
