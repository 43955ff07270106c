package io.boxoffice;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

	@Test
	void modulesOnlyUseEachOthersPublicApi() {
		ApplicationModules.of(BoxofficeApplication.class).verify();
	}
}
