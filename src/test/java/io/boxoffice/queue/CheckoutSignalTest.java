package io.boxoffice.queue;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.boxoffice.edge.CheckoutPressure;

import static org.assertj.core.api.Assertions.assertThat;

class CheckoutSignalTest {

	@Test
	void withoutASheddingComponentAdmissionRunsAtFullRate() {
		assertThat(new CheckoutSignal(new StaticListableBeanFactory().getBeanProvider(CheckoutPressure.class)).admissionFactor())
			.isEqualTo(1.0);
	}

	@Test
	void theSheddingSignalSlowsAdmissionWithinItsBounds() {
		assertThat(signal(0.4).admissionFactor()).isEqualTo(0.4);
		assertThat(signal(0.01).admissionFactor()).isEqualTo(0.1);
		assertThat(signal(3).admissionFactor()).isEqualTo(1.0);
		assertThat(signal(Double.NaN).admissionFactor()).isEqualTo(1.0);
		var live = new LiveSettings(1, QueueMode.ON, 50, 10, 0, java.time.Instant.EPOCH, java.time.Instant.MAX);
		assertThat(live.pace(signal(0.4).admissionFactor()).admitsPerSecond()).isEqualTo(20.0);
	}

	private static CheckoutSignal signal(double factor) {
		var beans = new StaticListableBeanFactory();
		beans.addBean("pressure", (CheckoutPressure) () -> factor);
		return new CheckoutSignal(beans.getBeanProvider(CheckoutPressure.class));
	}
}
