package io.boxoffice.jobs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobSettings.class)
class JobsConfiguration {

	@Bean
	JobRunner jobRunner(JobQueue queue, ObjectProvider<JobHandler> handlers, JobSettings settings, JobMetrics metrics,
			JobWakeUps wakeUps) {
		return new JobRunner(queue, handlers.orderedStream().toList(), settings, metrics, wakeUps);
	}
}
